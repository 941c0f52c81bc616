import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import zlib from "node:zlib";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test, type Page } from "@playwright/test";
import * as jose from "jose";
import jsQR from "jsqr";
import { answerQuiz, expectAccessible, expectPhoneFriendly, lessonIds, readLesson, readModuleTitle, readPractices } from "./fixtures";

/**
 * A learner finishes a module as a guest, creates an account, claims the certificate under the
 * name to print, downloads it, and a stranger checks it by scanning the QR code printed in the
 * PDF. Then an administrator revokes it and the same QR code says so.
 */

const run = promisify(execFile);
const moduleId = "cashless-payment";
const locale = "vi";
const printedName = "Nguyễn Thị Ánh Tuyết";
const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

const form = (entries: [string, string][]) => ({
  data: new URLSearchParams(entries).toString(),
  headers: { "Content-Type": "application/x-www-form-urlencoded" },
  maxRedirects: 0,
});

/** Submits a lesson's quiz with every answer right, as the form would (same cookies as the page). */
async function passLesson(page: Page, lessonId: string) {
  const entries: [string, string][] = [];
  for (const q of readLesson(locale, moduleId, lessonId).quiz.questions) {
    for (const o of q.options.filter((x) => x.correct)) entries.push([`answer.${q.id}`, o.id]);
  }
  entries.push(["intent", "submit"]);
  const response = await page.request.post(`/${locale}/modules/${moduleId}/${lessonId}`, form(entries));
  expect(response.status(), `quiz ${lessonId}`).toBe(302);
}

async function passPractice(page: Page, practice: ReturnType<typeof readPractices>[number]) {
  const entries: [string, string][] = [];
  for (const task of practice.tasks) {
    if (task.type === "choice") entries.push([`choice.${task.id}`, task.options!.find((o) => o.correct)!.id]);
    else task.steps!.forEach((s, i) => entries.push([`order.${task.id}.${s.id}`, String(i + 1)]));
  }
  entries.push(["intent", "submit"]);
  const response = await page.request.post(`/${locale}/modules/${moduleId}/practice/${practice.id}`, form(entries));
  expect(response.status(), `practice ${practice.id}`).toBe(302);
}

/** What a phone camera would read: the PDF rendered to pixels (poppler's pdftoppm), then decoded. */
function scanQrCode(pdfFile: string): string {
  const out = path.join(path.dirname(pdfFile), "page");
  execFileSync("pdftoppm", ["-gray", "-r", "150", "-singlefile", pdfFile, out]);
  const pgm = fs.readFileSync(`${out}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString("latin1"))!;
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = pgm.subarray(header[0].length);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) rgba.set([pixels[i]!, pixels[i]!, pixels[i]!, 255], i * 4);
  const found = jsQR(rgba, width, height);
  expect(found, "a QR code in the PDF").not.toBeNull();
  return found!.data;
}

function serverDatabaseEnv() {
  const dataDir = process.env.E2E_DATA_DIR!;
  return { ...process.env, SQLITE_PATH: path.join(dataDir, "e2e.sqlite"), DATA_DIR: dataDir };
}

for (const javaScriptEnabled of [true, false]) {
  test(`finish a module, get the certificate, verify it from its QR code (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({
    browser,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ javaScriptEnabled, locale: "vi-VN", viewport: { width: 360, height: 640 } });
    const page = await context.newPage();
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-cert-"));
    const moduleTitle = readModuleTitle(locale, moduleId);
    // axe runs inside the page, so it needs JavaScript; the HTML is the same either way.
    const audit = async (p: Page) => {
      if (!javaScriptEnabled) return;
      await expectAccessible(p);
      await expectPhoneFriendly(p);
    };

    // 1. As a guest: every lesson but the last, and the practice, then the last lesson in the page.
    const lessons = lessonIds(locale, moduleId);
    await page.goto(`/${locale}/modules/${moduleId}`);
    for (const id of lessons.slice(0, -1)) await passLesson(page, id);
    for (const practice of readPractices(locale, moduleId)) await passPractice(page, practice);
    const last = lessons[lessons.length - 1]!;
    await page.goto(`/${locale}/modules/${moduleId}/${last}`);
    await answerQuiz(page, readLesson(locale, moduleId, last).quiz.questions);
    await page.getByRole("button", { name: "Nộp bài" }).click();
    await expect(page.getByText(`Bạn đã học xong chủ đề “${moduleTitle}”`).or(page.locator(".done"))).toBeVisible();
    await page.locator(".actions").getByRole("link", { name: "Chứng nhận", exact: true }).click();

    // 2. The guest qualifies and is invited to create an account; nothing is redone.
    await expect(page).toHaveURL(`/${locale}/certificates`);
    await expect(page.getByRole("heading", { name: "Tạo tài khoản để nhận chứng nhận" })).toBeVisible();
    await expect(page.getByText(`Bạn đã học xong chủ đề “${moduleTitle}”.`)).toBeVisible();
    await audit(page);
    await page.locator("section.alert").getByRole("link", { name: "Tạo tài khoản" }).click();
    const login = `hv${unique()}`;
    await page.locator("#displayName").fill("Tuyết");
    await page.locator("#login").fill(login);
    await page.locator("#password").fill("mat-khau-rat-dai");
    await page.locator("form.form").getByRole("button", { name: "Tạo tài khoản" }).click();
    await expect(page).toHaveURL(`/${locale}/certificates?notice=signedUpKept#notice`);

    // 3. Claim it, confirming the name to print (typed with combining marks, as some keyboards do).
    await page.getByRole("link", { name: `Nhận chứng nhận: ${moduleTitle}` }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nhận chứng nhận");
    await expect(page.locator("#printedName")).toHaveValue("Tuyết");
    await audit(page);
    // A name with digits is refused with a reason, and nothing is issued.
    await page.locator("#printedName").fill("Tuyết 123");
    await page.getByRole("button", { name: "Nhận chứng nhận với tên này" }).click();
    await expect(page.locator("#printedName-error")).toContainText("Không dùng số hay ký hiệu");
    await page.locator("#printedName").fill(printedName.normalize("NFD"));
    await page.getByRole("button", { name: "Nhận chứng nhận với tên này" }).click();
    await expect(page).toHaveURL(/\/vi\/certificates\/[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}\?issued=1#main$/);
    const code = /certificates\/([0-9A-Z-]{17})/.exec(page.url())![1]!;
    await expect(page.getByRole("status")).toContainText("Chứng nhận của bạn đã sẵn sàng");
    await expect(page.locator(".certificate-name")).toHaveText(printedName);
    await expect(page.locator(".certificate-sheet")).toContainText(moduleTitle);
    await expect(page.locator(".certificate-sheet")).toContainText(`Mã chứng nhận: ${code}`);
    if (javaScriptEnabled) {
      // The printable page uses the PDF's font (subset web fonts), not the device's.
      const font = await page.evaluate(async () => {
        await document.fonts.ready;
        const sheet = document.querySelector(".certificate-sheet")!;
        return {
          family: getComputedStyle(sheet).fontFamily,
          loaded: [...document.fonts].filter((f) => f.family.replace(/"/g, "") === "Be Vietnam Pro" && f.status === "loaded").length,
        };
      });
      expect(font.family).toMatch(/^"?Be Vietnam Pro/);
      expect(font.loaded).toBeGreaterThan(0);
    }
    await audit(page);

    // 4. Download the PDF: the name prints with its diacritics; the QR code opens the verification page.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Tải PDF (khổ A4)" }).click()]);
    const pdfFile = path.join(tmp, "certificate.pdf");
    await download.saveAs(pdfFile);
    expect(download.suggestedFilename()).toBe(`chung-nhan-${code}-a4.pdf`);
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", pdfFile, "-"], { encoding: "utf8" }).normalize("NFC");
    expect(text).toContain(printedName);
    expect(text).toContain(code);
    const qr = scanQrCode(pdfFile);
    expect(qr.startsWith(`${baseURL}/verify/${code}?t=`)).toBe(true);

    // 5. A stranger's phone (no cookie) opens what the QR code says.
    const stranger = await browser.newContext({ javaScriptEnabled, locale: "vi-VN", viewport: { width: 360, height: 640 } });
    const phone = await stranger.newPage();
    await phone.goto(qr);
    await expect(phone).toHaveURL(new RegExp(`/vi/verify/${code}\\?t=`));
    await expect(phone.getByRole("heading", { level: 1 })).toContainText("Chứng nhận hợp lệ");
    await expect(phone.locator(".facts")).toContainText(printedName);
    await expect(phone.locator(".facts")).toContainText(moduleTitle);
    await expect(phone.getByText("Chữ ký số trong mã QR hợp lệ và khớp với hồ sơ.")).toBeVisible();
    await expect(phone.getByText("Hãy so họ tên trên giấy với họ tên ở đây")).toBeVisible();
    // Nothing else personal: no login name.
    expect(await phone.locator("main").innerText()).not.toContain(login);
    await audit(phone);
    // The stranger cannot open the learner's own pages or files: with no session they are asked to log in.
    await phone.goto(`/vi/certificates/${code}`);
    await expect(phone).toHaveURL(`/vi/login?redirectTo=${encodeURIComponent(`/vi/certificates/${code}`)}`);
    await expect(phone.locator("main")).not.toContainText(printedName);
    const pdf = await phone.request.get(`/vi/certificates/${code}/pdf`, { maxRedirects: 0 });
    expect(pdf.status()).toBe(302);
    expect(pdf.headers()["content-type"] ?? "").not.toContain("pdf");

    // An altered QR payload is caught, whatever byte was changed.
    const token = new URL(qr).searchParams.get("t")!;
    const at = Math.floor(token.length / 2);
    const altered = token.slice(0, at) + (token[at] === "A" ? "B" : "A") + token.slice(at + 1);
    await phone.goto(`/verify/${code}?t=${altered}`);
    // The page leads with what is wrong with the paper in hand, never with a green "valid".
    await expect(phone.getByRole("heading", { level: 1 })).toHaveText("✗ Mã QR không hợp lệ");
    await expect(phone.getByRole("alert")).toContainText("Dữ liệu trong mã QR đã bị sửa");
    await expect(phone.getByRole("heading", { level: 2 }).first()).toHaveText(`Hồ sơ đơn vị cấp đang lưu cho mã ${code}`);
    await expect(phone.locator(".facts")).toContainText(printedName);
    await expect(phone.locator("main")).not.toContainText("Chứng nhận hợp lệ");
    // A QR code read only in part is told apart from one altered: scan it again.
    await phone.goto(`/verify/${code}?t=${token.slice(0, token.length - 20)}`);
    await expect(phone.getByRole("heading", { level: 1 })).toHaveText("✗ Mã QR không hợp lệ");
    await expect(phone.getByRole("alert")).toContainText("không được đọc trọn vẹn");
    await audit(phone);

    // A code typed by hand: a typo is caught before lookup; small letters without dashes are fine.
    await phone.goto("/verify");
    await expect(phone).toHaveURL("/vi/verify");
    const typo = code.slice(0, 3) + (code[3] === "7" ? "8" : "7") + code.slice(4);
    await phone.getByLabel("Mã chứng nhận").fill(typo);
    await phone.getByRole("button", { name: "Kiểm tra" }).click();
    await expect(phone.getByRole("alert")).toContainText("gõ nhầm");
    await audit(phone);
    await phone.getByLabel("Mã chứng nhận").fill(code.replace(/-/g, "").toLowerCase());
    await phone.getByRole("button", { name: "Kiểm tra" }).click();
    await expect(phone).toHaveURL(`/vi/verify/${code}#main`);
    await expect(phone.getByRole("heading", { level: 1 })).toContainText("Chứng nhận hợp lệ");

    if (javaScriptEnabled) {
      // 6. The Open Badges 3.0 credential verifies as a strict verifier checks it: the key comes
      // only from the address its kid names (the published key set), never from the token.
      const [badgeDownload] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: /Tải Open Badge/ }).click(),
      ]);
      const jwt = fs.readFileSync((await badgeDownload.path())!, "utf8");
      const header = jose.decodeProtectedHeader(jwt);
      expect(header).not.toHaveProperty("jwk");
      expect(header.kid).toMatch(new RegExp(`^${baseURL}/\\.well-known/jwks\\.json#[A-Za-z0-9_-]{16}$`));
      const { payload } = await jose.jwtVerify(jwt, jose.createRemoteJWKSet(new URL(header.kid!)));
      expect(payload).toMatchObject({
        type: ["VerifiableCredential", "OpenBadgeCredential"],
        id: `${baseURL}/verify/${code}`,
        jti: `${baseURL}/verify/${code}`,
      });
      expect(payload.sub).toMatch(/^urn:uuid:/);
      expect(payload.nbf).toBe(Date.parse(payload.validFrom as string) / 1000);
      expect(JSON.stringify(payload)).toContain(printedName);
      // Everything it links to answers: the issuer's profile, the achievement, its picture, the status list.
      const profile = await (await phone.request.get(payload.iss!)).json();
      expect(Object.keys(profile).sort()).toEqual(["@context", "description", "id", "name", "type", "url"]);
      const subject = payload.credentialSubject as { achievement: { id: string; name: string; image: { id: string } } };
      const achievement = await phone.request.get(subject.achievement.id, { headers: { Accept: "application/json" } });
      expect(await achievement.json()).toMatchObject({ id: subject.achievement.id, name: moduleTitle });
      await phone.goto(subject.achievement.id);
      await expect(phone).toHaveURL(`/vi/achievements/module/${moduleId}`);
      await expect(phone.getByRole("heading", { level: 1 })).toHaveText(moduleTitle);
      await audit(phone);
      expect((await phone.request.get(subject.achievement.image.id)).headers()["content-type"]).toContain("image/png");
      const status = payload.credentialStatus as { statusListCredential: string; statusListIndex: string };
      const revokedBit = async () => {
        const listJwt = await (await phone.request.get(status.statusListCredential)).text();
        const list = await jose.jwtVerify(listJwt, jose.createRemoteJWKSet(new URL(jose.decodeProtectedHeader(listJwt).kid!)));
        const bits = zlib.gunzipSync(
          Buffer.from((list.payload.credentialSubject as { encodedList: string }).encodedList.slice(1), "base64url"),
        );
        const index = Number(status.statusListIndex);
        return (bits[index >> 3]! & (0x80 >> (index & 7))) !== 0;
      };
      expect(await revokedBit()).toBe(false);

      // 7. The documented offline check, with the published PEM key.
      const pem = path.join(tmp, "certificate-key.pem");
      fs.writeFileSync(pem, await (await phone.request.get("/.well-known/certificate-key.pem")).text());
      const offline = await run("npx", ["tsx", "scripts/verify-certificate.ts", "--key", pem, qr]);
      expect(offline.stdout).toContain("VALID SIGNATURE");
      expect(offline.stdout).toContain(printedName);
      // The module's title, not its id; and a word that only the site knows of revocations.
      expect(offline.stdout).toContain(`"${moduleTitle}`);
      expect(offline.stdout).toContain(`only the site knows: ${baseURL}/verify/${code}`);
      const cli = (arg: string) =>
        run("npx", ["tsx", "scripts/verify-certificate.ts", "--key", pem, arg]).catch((e: { code: number; stderr: string }) => e);
      // The same words as the page: cut short is "copied incompletely", changed is "altered".
      expect(await cli(qr.slice(0, -20))).toMatchObject({ code: 1, stderr: expect.stringContaining("copied incompletely") });
      // A code alone carries no signature: it can only be checked online.
      expect(await cli(code)).toMatchObject({ code: 3, stderr: expect.stringContaining("can only be checked online") });
      const forged = await run("npx", ["tsx", "scripts/verify-certificate.ts", "--key", pem, qr.replace(token, altered)]).catch(
        (e: { code: number; stderr: string }) => e,
      );
      expect(forged).toMatchObject({ code: 1 });
      expect((forged as { stderr: string }).stderr).toContain("INVALID — altered");

      // 8. An administrator revokes it; the learner is no administrator.
      expect((await page.goto(`/vi/admin/certificates`))?.status()).toBe(404);
      const adminContext = await browser.newContext({ locale: "vi-VN", viewport: { width: 360, height: 640 } });
      const admin = await adminContext.newPage();
      const adminLogin = `qt${unique()}`;
      await admin.goto("/vi/signup");
      await admin.locator("#displayName").fill("Cán Bộ Xã");
      await admin.locator("#login").fill(adminLogin);
      await admin.locator("#password").fill("mat-khau-quan-tri");
      await admin.locator("form.form").getByRole("button", { name: "Tạo tài khoản" }).click();
      await expect(admin).toHaveURL(/\/vi\/progress\?notice=/);
      expect((await admin.goto("/vi/admin/certificates"))?.status()).toBe(404);
      await run("npx", ["tsx", "scripts/admin.ts", "grant", adminLogin, "admin"], { env: serverDatabaseEnv() });
      // A mistyped code is caught before lookup: the summary at the top of the form links to the field.
      await admin.goto("/vi/admin/certificates");
      await admin.getByLabel("Mã chứng nhận").fill(typo);
      await admin.getByRole("button", { name: "Tìm", exact: true }).click();
      await expect(admin).toHaveURL(/#lookup$/);
      await expect(admin.locator("#lookup > *").first()).toHaveClass("error-summary");
      await expect(admin.locator("#lookup .error-summary").getByRole("link")).toHaveAttribute("href", "#code");
      await expect(admin.locator("#code")).toHaveValue(typo);
      await expect(admin.locator("#code")).toHaveAttribute("aria-describedby", "code-error");
      await admin.goto(`/vi/admin/certificates?code=${code.toLowerCase()}`);
      await expect(admin.getByRole("heading", { name: `Chứng nhận ${code}` })).toBeVisible();
      await expect(admin.locator(".facts")).toContainText(login);
      await audit(admin);
      await admin.getByRole("button", { name: "Thu hồi chứng nhận" }).click();
      // No reason: nothing is revoked, and the summary at the top of the form links to the reason.
      await expect(admin).toHaveURL(/#revoke$/);
      await expect(admin.getByRole("alert").getByRole("link", { name: "Hãy ghi lý do, từ 3 đến 500 ký tự." })).toHaveAttribute(
        "href",
        "#reason",
      );
      await expect(admin.locator("#reason")).toHaveAttribute("aria-describedby", "reason-hint reason-error");
      await admin.getByLabel("Lý do thu hồi").fill("Cấp nhầm: kiểm tra lại hồ sơ");
      await admin.getByRole("button", { name: "Thu hồi chứng nhận" }).click();
      await expect(admin.getByRole("status")).toContainText(`Đã thu hồi chứng nhận ${code}.`);

      // The public revocation list says so too: a badge downloaded before now is revoked for any verifier.
      expect(await revokedBit()).toBe(true);
      // The same QR code now says revoked (and nothing is cached).
      await phone.goto(qr);
      await expect(phone.getByRole("heading", { level: 1 })).toContainText("Chứng nhận đã bị thu hồi");
      await expect(phone.locator("main")).not.toContainText("Cấp nhầm");
      await audit(phone);
      await page.goto("/vi/certificates");
      await expect(page.locator(".certificate-card.is-revoked")).toContainText("Đã bị thu hồi");
      await adminContext.close();
    }

    await stranger.close();
    await context.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });
}

test("the public key is published, and an unknown code is answered plainly", async ({ page, request }) => {
  const jwks = await (await request.get("/.well-known/jwks.json")).json();
  expect(jwks.keys.length).toBeGreaterThanOrEqual(1);
  expect(jwks.keys[0]).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA", use: "sig" });
  expect(jwks.keys[0].kid).toMatch(/\/\.well-known\/jwks\.json#[A-Za-z0-9_-]{16}$/);
  const pem = await (await request.get("/.well-known/certificate-key.pem")).text();
  expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----/);

  const response = await page.goto("/en/verify/00000-00000-00000");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("No certificate found");
  await expectAccessible(page);
  const malformed = await page.goto("/en/verify/not-a-code");
  expect(malformed?.status()).toBe(400);
  await expect(page.getByRole("alert")).toContainText("15 letters and digits");
  // No certificate pages for a visitor (asked to log in first), and no 500 for anything typed.
  await page.goto("/en/certificates/not-a-code");
  await expect(page).toHaveURL("/en/login?redirectTo=%2Fen%2Fcertificates%2Fnot-a-code");
  expect((await page.goto("/en/certificates/claim/no-such-module"))?.status()).toBe(404);
  expect((await page.goto("/en/verify?code=%F0%9F%98%80%00"))?.status()).toBe(400);
  await page.goto("/en/certificates");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My certificates");
  await expectAccessible(page);
  await expectPhoneFriendly(page);
});
