import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { expect, type APIRequestContext, type Browser, type Locator, type Page } from "@playwright/test";
import jsQR from "jsqr";
import { readLesson, type readPractices } from "./fixtures";

/** Helpers for the classes specs (classes*.test.ts). */

export const runCommand = promisify(execFile);
export const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

/** The environment of the first test server's database, for `npm run admin`. */
export function serverDatabaseEnv() {
  const dataDir = process.env.E2E_DATA_DIR!;
  return { ...process.env, SQLITE_PATH: path.join(dataDir, "e2e.sqlite"), DATA_DIR: dataDir };
}

/** Runs the documented admin command on the test server's database. */
export async function adminCommand(args: string[], input?: string) {
  const child = runCommand("npx", ["tsx", "scripts/admin.ts", ...args], { env: serverDatabaseEnv() });
  if (input !== undefined) {
    child.child.stdin?.write(input);
    child.child.stdin?.end();
  }
  return child;
}

/** Runs the documented units command (`npm run units -- …`) on the test server's database. */
export async function unitsCommand(args: string[]) {
  return runCommand("npx", ["tsx", "scripts/units.ts", ...args], { env: serverDatabaseEnv() });
}

/** Imports a small second province (codes E2E…, fictional) next to the sample one; idempotent. */
export async function importOtherProvince() {
  const file = path.join(process.env.E2E_DATA_DIR!, "other-province.csv");
  const fs = await import("node:fs");
  fs.writeFileSync(
    file,
    "code,name,level,parent_code\nE2EP,Tỉnh Khác,province,\nE2EP01,Xã Khác,commune,E2EP\nE2EP01-T01,Thôn Khác,village,E2EP01\n",
  );
  await unitsCommand(["import", file]);
}

export const form = (entries: [string, string][] | Record<string, string>) => ({
  data: new URLSearchParams(entries).toString(),
  headers: { "Content-Type": "application/x-www-form-urlencoded" },
  maxRedirects: 0,
});

export const newPhone = (browser: Browser, javaScriptEnabled = true) =>
  browser.newContext({ javaScriptEnabled, locale: "vi-VN", viewport: { width: 360, height: 640 } });

/** Signs up a new account through the page; returns the page, signed in. */
export async function signUpAs(browser: Browser, name: string, { javaScriptEnabled = true } = {}) {
  const context = await newPhone(browser, javaScriptEnabled);
  const page = await context.newPage();
  const login = `u${unique()}`;
  await page.goto("/vi/signup");
  await page.locator("#displayName").fill(name);
  await page.locator("#login").fill(login);
  await page.locator("#password").fill("mat-khau-dai-8");
  await page.locator("form.form").getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page).toHaveURL(/\/vi\/progress\?notice=/);
  return { context, page, login };
}

/** An account with a role, granted with the documented command (`npm run admin -- grant …`). */
export async function signUpWithRole(browser: Browser, name: string, role: "instructor" | "mentor" | "admin") {
  const account = await signUpAs(browser, name);
  await adminCommand(["grant", account.login, role]);
  return account;
}

/** Creates a class through the form; returns its id and join code. */
export async function createClass(page: Page, name: string, { place = "", schedule = "" } = {}) {
  await page.goto("/vi/teach");
  await page.getByLabel("Tên lớp").fill(name);
  if (place) await page.getByLabel("Địa điểm").fill(place);
  if (schedule) await page.getByLabel("Lịch học").fill(schedule);
  await page.getByRole("button", { name: "Tạo lớp" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const id = /\/teach\/classes\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  const code = (await page.locator(".cls-join .cls-code").textContent())!.replace(/\s/g, "");
  return { id, code };
}

/** Creates PIN learners on the class's form; returns each one's username and PIN as shown once. */
export async function createPinLearners(page: Page, classId: string, people: { name: string; birthYear?: string; place?: string }[]) {
  await page.goto(`/vi/teach/classes/${classId}/learners/new?rows=${Math.max(3, people.length)}`);
  for (const [i, p] of people.entries()) {
    await page.locator(`#name_${i}`).fill(p.name);
    if (p.birthYear) await page.locator(`#birthYear_${i}`).fill(p.birthYear);
    if (p.place) await page.locator(`#place_${i}`).fill(p.place);
  }
  await page.getByLabel("Tôi đã đọc cho những người trên nghe, và họ đồng ý.").check();
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page).toHaveURL(new RegExp(`/teach/classes/${classId}/pins$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mã PIN của người học mới");
  // The page lists every PIN still waiting in this class (sorted by given name): these people's rows.
  const created: { name: string; username: string; pin: string }[] = [];
  for (const person of people) {
    const row = page.locator("table.cls-pins tbody tr", { has: page.getByRole("rowheader", { name: person.name, exact: true }) });
    created.push({
      name: (await row.locator("th").textContent())!.trim(),
      username: (await row.locator("[data-username]").textContent())!.trim(),
      pin: (await row.locator("[data-pin]").textContent())!.trim(),
    });
  }
  return created;
}

/** Logs in with a username and PIN through the page. */
export async function pinLogin(page: Page, username: string, pin: string) {
  await page.goto("/vi/login/pin");
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mã PIN").fill(pin);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

/** Answers a lesson's quiz in the page, all right or with some wrong. */
export async function takeQuiz(page: Page, moduleId: string, lessonId: string, { wrong = 0 } = {}) {
  await page.goto(`/vi/modules/${moduleId}/${lessonId}`);
  const questions = readLesson("vi", moduleId, lessonId).quiz.questions;
  for (const [index, q] of questions.entries()) {
    const choose = index < wrong ? q.options.filter((o) => !o.correct).slice(0, 1) : q.options.filter((o) => o.correct);
    for (const option of choose) await page.locator(`#q-${q.id}-${option.id}`).check();
  }
  await page.getByRole("button", { name: "Nộp bài" }).click();
  await expect(page).toHaveURL(/\/attempts\//);
}

/** Posts a lesson's quiz answers as the form would, with this request context's cookies. */
export async function postQuiz(request: APIRequestContext, moduleId: string, lessonId: string, { wrong = 0 } = {}) {
  const entries: [string, string][] = [];
  for (const [index, q] of readLesson("vi", moduleId, lessonId).quiz.questions.entries()) {
    const choose = index < wrong ? q.options.filter((o) => !o.correct).slice(0, 1) : q.options.filter((o) => o.correct);
    for (const o of choose) entries.push([`answer.${q.id}`, o.id]);
  }
  entries.push(["intent", "submit"]);
  const response = await request.post(`/vi/modules/${moduleId}/${lessonId}`, form(entries));
  expect(response.status(), `quiz ${lessonId}`).toBe(302);
  return response.headers().location ?? "";
}

/** Posts a practice with every task right, as the form would, with this request context's cookies. */
export async function postPractice(request: APIRequestContext, moduleId: string, practice: ReturnType<typeof readPractices>[number]) {
  const entries: [string, string][] = [];
  for (const task of practice.tasks) {
    if (task.type === "choice") entries.push([`choice.${task.id}`, task.options!.find((o) => o.correct)!.id]);
    else task.steps!.forEach((s, i) => entries.push([`order.${task.id}.${s.id}`, String(i + 1)]));
  }
  entries.push(["intent", "submit"]);
  const response = await request.post(`/vi/modules/${moduleId}/practice/${practice.id}`, form(entries));
  expect(response.status(), `practice ${practice.id}`).toBe(302);
  return response.headers().location ?? "";
}

/** What a phone camera would read from an SVG QR code on the page: drawn to pixels, then decoded. */
export async function scanSvgQr(locator: Locator): Promise<string> {
  const { width, height, pixels } = await locator.evaluate(async (svg) => {
    const size = 400;
    const markup = new XMLSerializer().serializeToString(svg);
    const image = new Image();
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = size;
    canvas.height = size;
    const ctx = canvas.getContext("2d")!;
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, size, size);
    ctx.drawImage(image, 0, 0, size, size);
    return { width: size, height: size, pixels: Array.from(ctx.getImageData(0, 0, size, size).data) };
  });
  const found = jsQR(new Uint8ClampedArray(pixels), width, height);
  expect(found, "a readable QR code").not.toBeNull();
  return found!.data;
}
