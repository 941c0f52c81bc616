import { execFile, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, request as playwrightRequest, test, type Browser } from "@playwright/test";
import { answerQuiz, expectGreeting, lessonIds, readLesson, readModuleTitle, readPractices } from "./fixtures";
import { createClass, form, unique } from "./classes-helpers";

/**
 * Issue 15, part 2: a province on several app servers. Two app servers (the built app, as
 * `node server/index.mjs`) on one PostgreSQL schema behind nginx (Debian's, run as a plain process
 * with a config written here, round-robin, keep-alive upstream). A Playwright spec rather than a
 * database test: it needs the built app (`npm test` builds just before the browser step) and drives
 * the flows as a phone would, without JavaScript, through the load balancer.
 *
 * Ports: SCALE_PORT (default E2E_PORT + 5) and the next two: server A, server B, nginx.
 */
test.describe.configure({ mode: "serial" });
test.skip(process.env.SKIP_POSTGRES === "1" && !process.env.CI, "SKIP_POSTGRES=1: needs PostgreSQL");

const run = promisify(execFile);
const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const basePort = Number(process.env.SCALE_PORT ?? Number(process.env.E2E_PORT ?? 3111) + 5);
const ports = { a: basePort, b: basePort + 1, nginx: basePort + 2 };
const urls = { a: `http://127.0.0.1:${ports.a}`, b: `http://127.0.0.1:${ports.b}`, nginx: `http://127.0.0.1:${ports.nginx}` };
const schema = `test_scale_${randomBytes(5).toString("hex")}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bdhvs-scale-"));
const moduleId = "cashless-payment";
const VERIFY_RATE_LIMIT = 6;
const NGINX = process.env.NGINX_PATH ?? (fs.existsSync("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx");
/** Names, logins and codes typed or shown in these tests: none may appear in a server's log. */
const personal: string[] = ["Phạm Văn Bình", "Trần Thị Mai", "Cô Lê Thu Hà"];

/** What both servers share, as an operator sets it on every machine. */
const shared = {
  NODE_ENV: "production" as const,
  HOST: "127.0.0.1",
  DATABASE_URL: POSTGRES_URL,
  DATABASE_SCHEMA: schema,
  DATABASE_POOL_SIZE: "4",
  SESSION_SECRET: randomBytes(32).toString("base64url"),
  CERT_SIGNING_KEY: generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  PUBLIC_URL: urls.nginx,
  TRUST_PROXY: "loopback",
  VERIFY_RATE_LIMIT: String(VERIFY_RATE_LIMIT),
  SIGNUP_RATE_LIMIT: "1000",
  JOIN_RATE_LIMIT: "1000",
  LOG_LEVEL: "info",
  MAINTENANCE_INTERVAL_HOURS: "0",
};

const servers: Record<"a" | "b", { process?: ChildProcess; log: string; exit?: Promise<number | null> }> = {
  a: { log: "" },
  b: { log: "" },
};
let nginx: ChildProcess | undefined;

function startServer(name: "a" | "b") {
  const child = spawn(process.execPath, ["server/index.mjs"], {
    env: { ...process.env, ...shared, PORT: String(ports[name]), DATA_DIR: path.join(dir, name) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  servers[name].process = child;
  child.stdout!.on("data", (chunk: Buffer) => (servers[name].log += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (servers[name].log += chunk.toString()));
  servers[name].exit = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
}

async function waitFor(url: string, what: string) {
  for (let i = 0; i < 900; i++) {
    if ((await fetch(url).catch(() => null))?.ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not become ready:\n${servers.a.log.slice(-1500)}\n${servers.b.log.slice(-1500)}`);
}

function nginxConfig() {
  return `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log stderr warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${dir}/nginx-body;
  proxy_temp_path ${dir}/nginx-proxy;
  fastcgi_temp_path ${dir}/nginx-fastcgi;
  uwsgi_temp_path ${dir}/nginx-uwsgi;
  scgi_temp_path ${dir}/nginx-scgi;
  upstream app {
    server 127.0.0.1:${ports.a} max_fails=1 fail_timeout=5s;
    server 127.0.0.1:${ports.b} max_fails=1 fail_timeout=5s;
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${ports.nginx};
    client_max_body_size 2m;
    location / {
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Request-Id $request_id;
      proxy_next_upstream error timeout;
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`;
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  expect(spawnSync(NGINX, ["-v"]).status, "nginx is installed (scripts/ensure-services.sh)").toBe(0);
  // Both at once on an empty schema: migrations, the sample units and the key set must not race.
  startServer("a");
  startServer("b");
  fs.writeFileSync(path.join(dir, "nginx.conf"), nginxConfig());
  nginx = spawn(NGINX, ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-e", "stderr"], { stdio: ["ignore", "inherit", "inherit"] });
  await waitFor(`${urls.a}/readyz`, "server A");
  await waitFor(`${urls.b}/readyz`, "server B");
  await waitFor(`${urls.nginx}/healthz`, "nginx");
});

test.afterAll(async () => {
  nginx?.kill("SIGTERM");
  for (const s of Object.values(servers)) s.process?.kill("SIGKILL");
  spawnSync("psql", [POSTGRES_URL, "-qc", `drop schema if exists ${schema} cascade`], { stdio: "ignore" });
});

const phone = (browser: Browser, baseURL = urls.nginx) =>
  browser.newContext({ baseURL, javaScriptEnabled: false, locale: "vi-VN", viewport: { width: 360, height: 640 } });

test("nginx sends requests to both servers in turn; without the shared secrets a server refuses to start and says what to set", async () => {
  const upstreams = new Set<string>();
  for (let i = 0; i < 6; i++) upstreams.add((await fetch(`${urls.nginx}/healthz`)).headers.get("x-upstream") ?? "");
  expect([...upstreams].sort()).toEqual([`127.0.0.1:${ports.a}`, `127.0.0.1:${ports.b}`]);

  const { SESSION_SECRET: _secret, CERT_SIGNING_KEY: _key, ...withoutSecrets } = shared;
  const refused = spawnSync(process.execPath, ["server/index.mjs"], {
    env: { ...process.env, ...withoutSecrets, PORT: String(ports.nginx + 1), DATA_DIR: path.join(dir, "c") },
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(refused.status).toBe(1);
  expect(refused.stderr).toContain("on PostgreSQL every app server must use the same SESSION_SECRET and CERT_SIGNING_KEY");
  expect(refused.stderr).toContain("openssl genpkey -algorithm ed25519");
  expect(refused.stderr).not.toMatch(/\n\s+at /);
});

test("a learner moves between the servers: stays signed in, their answers count on both, a class made on one is joined on the other", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  // The instructor signs up and creates the class on server A (the role granted with the documented command).
  const teacherContext = await phone(browser, urls.a);
  const teacher = await teacherContext.newPage();
  const teacherLogin = `gv${unique()}`;
  await teacher.goto("/vi/signup");
  await teacher.locator("#displayName").fill("Cô Lê Thu Hà");
  await teacher.locator("#login").fill(teacherLogin);
  await teacher.locator("#password").fill("mat-khau-dai-8");
  await teacher.locator("form.form").getByRole("button", { name: "Tạo tài khoản" }).click();
  await run("npx", ["tsx", "scripts/admin.ts", "grant", teacherLogin, "instructor"], { env: { ...process.env, ...shared } });
  const klass = await createClass(teacher, "Lớp kỹ năng số thôn Đông");
  personal.push(teacherLogin, klass.code);

  // The learner, through nginx: every request may land on either server.
  const context = await phone(browser);
  const page = await context.newPage();
  const login = `hv${unique()}`;
  personal.push(login);
  await page.goto("/vi/signup");
  await page.locator("#displayName").fill("Phạm Văn Bình");
  await page.locator("#login").fill(login);
  await page.locator("#password").fill("mat-khau-dai-8");
  const signedUp = page.waitForResponse((r) => r.request().method() === "POST");
  await page.locator("form.form").getByRole("button", { name: "Tạo tài khoản" }).click();
  const signUpServer = (await signedUp).headers()["x-upstream"];
  await expect(page).toHaveURL(/\/vi\/progress\?notice=/);
  const served = new Set<string>();
  for (let i = 0; i < 4; i++) {
    const response = await page.goto("/vi/progress");
    served.add(response!.headers()["x-upstream"] ?? "");
    await expectGreeting(page, "Phạm Văn Bình");
  }
  expect(served.size, "both servers know the session made on one").toBe(2);
  expect(served.has(signUpServer ?? "")).toBe(true);

  const lessonId = lessonIds("vi", moduleId)[0]!;
  await page.goto(`/vi/modules/${moduleId}/${lessonId}`);
  await answerQuiz(page, readLesson("vi", moduleId, lessonId).quiz.questions);
  await page.getByRole("button", { name: "Nộp bài" }).click();
  await expect(page).toHaveURL(/\/attempts\//);
  // Seen from each server directly, with the same cookie.
  for (const url of [urls.a, urls.b]) {
    const direct = await browser.newContext({ baseURL: url, javaScriptEnabled: false, storageState: await context.storageState() });
    const other = await direct.newPage();
    await other.goto(`/vi/modules/${moduleId}`);
    await expectGreeting(other, "Phạm Văn Bình");
    await expect(other.locator(`a[href$="/${lessonId}"]`).first()).toBeVisible();
    await other.goto("/vi/progress");
    await expect(other.locator("main")).toContainText(readLesson("vi", moduleId, lessonId).title);
    await direct.close();
  }

  // Joins on server B the class made on server A; the instructor sees them on B.
  const onB = await browser.newContext({ baseURL: urls.b, javaScriptEnabled: false, storageState: await context.storageState() });
  const learnerOnB = await onB.newPage();
  await learnerOnB.goto(`/vi/join/${klass.code}`);
  await expect(learnerOnB.getByRole("heading", { level: 1, name: "Lớp kỹ năng số thôn Đông" })).toBeVisible();
  await learnerOnB.getByRole("button", { name: "Vào lớp" }).click();
  await expect(learnerOnB.getByText("Bạn đã vào lớp.")).toBeVisible();
  const teacherOnB = await browser.newContext({
    baseURL: urls.b,
    javaScriptEnabled: false,
    storageState: await teacherContext.storageState(),
  });
  const dashboard = await teacherOnB.newPage();
  await dashboard.goto(`/vi/teach/classes/${klass.id}`);
  await expect(dashboard.locator("main")).toContainText("Phạm Văn Bình");
  await Promise.all([onB.close(), teacherOnB.close(), context.close(), teacherContext.close()]);
});

test("a certificate issued through server A verifies offline with the key set server B publishes", async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await phone(browser, urls.a);
  const page = await context.newPage();
  // A guest passes every lesson and practice of the module (posted as the forms would), then signs up.
  for (const lessonId of lessonIds("vi", moduleId)) {
    const entries: [string, string][] = [];
    for (const q of readLesson("vi", moduleId, lessonId).quiz.questions)
      for (const o of q.options.filter((x) => x.correct)) entries.push([`answer.${q.id}`, o.id]);
    entries.push(["intent", "submit"]);
    expect((await page.request.post(`/vi/modules/${moduleId}/${lessonId}`, form(entries))).status()).toBe(302);
  }
  for (const practice of readPractices("vi", moduleId)) {
    const entries: [string, string][] = [];
    for (const task of practice.tasks) {
      if (task.type === "choice") entries.push([`choice.${task.id}`, task.options!.find((o) => o.correct)!.id]);
      else task.steps!.forEach((s, i) => entries.push([`order.${task.id}.${s.id}`, String(i + 1)]));
    }
    entries.push(["intent", "submit"]);
    expect((await page.request.post(`/vi/modules/${moduleId}/practice/${practice.id}`, form(entries))).status()).toBe(302);
  }
  await page.goto("/vi/signup");
  await page.locator("#displayName").fill("Trần Thị Mai");
  await page.locator("#login").fill(`cn${unique()}`);
  await page.locator("#password").fill("mat-khau-dai-8");
  await page.locator("form.form").getByRole("button", { name: "Tạo tài khoản" }).click();
  await page.goto("/vi/certificates");
  await page.getByRole("link", { name: `Nhận chứng nhận: ${readModuleTitle("vi", moduleId)}` }).click();
  await page.getByRole("button", { name: "Nhận chứng nhận với tên này" }).click();
  await expect(page).toHaveURL(/\/vi\/certificates\/[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}\?issued=1#main$/);
  const code = /certificates\/([0-9A-Z-]{17})/.exec(page.url())![1]!;
  personal.push(code);
  const badge = await page.request.get(`/vi/certificates/${code}/badge`);
  expect(badge.status()).toBe(200);
  const badgeFile = path.join(dir, `${code}.jwt`);
  fs.writeFileSync(badgeFile, await badge.body());

  // The key set as server B publishes it, saved once; then checked with no network at all.
  const jwks = await fetch(`${urls.b}/.well-known/jwks.json`);
  expect(jwks.status).toBe(200);
  const jwksFile = path.join(dir, "jwks-from-b.json");
  fs.writeFileSync(jwksFile, await jwks.text());
  const offline = await run("npx", ["tsx", "scripts/verify-certificate.ts", "--key", jwksFile, badgeFile], {
    env: { ...process.env, DATABASE_URL: "", SESSION_SECRET: "" },
  });
  expect(offline.stdout).toContain("Trần Thị Mai");
  expect(offline.stdout).toContain(readModuleTitle("vi", moduleId));
  // And B's public key file is A's key too.
  expect(await (await fetch(`${urls.b}/.well-known/certificate-key.pem`)).text()).toBe(
    await (await fetch(`${urls.a}/.well-known/certificate-key.pem`)).text(),
  );
  await context.close();
});

test("a rate limit is reached through both servers together", async () => {
  const address = `10.77.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
  const statuses: number[] = [];
  for (let i = 0; i <= VERIFY_RATE_LIMIT; i++) {
    const server = i % 2 === 0 ? urls.a : urls.b;
    const response = await fetch(`${server}/vi/verify/00000-00000-0000${i % 10}`, { headers: { "X-Forwarded-For": address } });
    statuses.push(response.status);
  }
  // Six checks spread over two servers are six, not three each: the seventh is refused.
  expect(statuses.slice(0, VERIFY_RATE_LIMIT).every((s) => s !== 429)).toBe(true);
  expect(statuses.at(-1)).toBe(429);
  // Another address is not affected.
  expect((await fetch(`${urls.b}/vi/verify/00000-00000-00000`, { headers: { "X-Forwarded-For": "10.78.0.1" } })).status).not.toBe(429);
});

test("metrics are served to this machine only; logs carry request ids and no personal data", async () => {
  const direct = await fetch(`${urls.a}/metrics`);
  expect(direct.status).toBe(200);
  const text = await direct.text();
  expect(text).toMatch(/http_requests_total\{method="GET",route="\/:p\/modules\/:p",status="2xx"\} \d+/);
  expect(text).toMatch(/http_request_duration_seconds_bucket\{[^}]*method="POST"/);
  expect(text).toMatch(/db_pool_connections\{dialect="postgres"\} \d+/);
  expect(text).toContain("nodejs_eventloop_lag_seconds");
  expect(text).toMatch(/http_requests_queued \d+/);
  // Through the load balancer (a public visitor): the site's 404 page.
  const proxied = await fetch(`${urls.nginx}/metrics`);
  expect(proxied.status).toBe(404);
  expect(await proxied.text()).not.toContain("http_requests_total");

  const lines = (servers.a.log + servers.b.log).split("\n").filter((l) => l.includes('"msg":"request"'));
  expect(lines.length).toBeGreaterThan(20);
  for (const line of lines) {
    const entry = JSON.parse(line) as Record<string, unknown>;
    expect(entry.reqId).toMatch(/^[A-Za-z0-9._-]{8,64}$/);
    // "aborted": true when the client went away before the answer was sent (observe.mjs); nothing else.
    if ("aborted" in entry) expect(entry.aborted).toBe(true);
    expect(
      Object.keys(entry)
        .filter((k) => k !== "aborted")
        .sort(),
    ).toEqual(["level", "method", "ms", "msg", "pid", "reqId", "route", "status", "time"]);
  }
  const all = servers.a.log + servers.b.log;
  expect(personal.length).toBeGreaterThan(4);
  for (const secret of [...personal, "10.77.", "?t=", "verify/0000"]) expect(all).not.toContain(secret);
});

test("a server stopped with SIGTERM answers the request it is receiving, then exits; nginx sends the rest to the other", async () => {
  const socket = net.connect(ports.b, "127.0.0.1");
  await new Promise((r) => socket.once("connect", r));
  const lessonId = lessonIds("vi", moduleId)[1]!;
  const entries: [string, string][] = [];
  for (const q of readLesson("vi", moduleId, lessonId).quiz.questions)
    for (const o of q.options.filter((x) => x.correct)) entries.push([`answer.${q.id}`, o.id]);
  entries.push(["intent", "submit"]);
  const body = new URLSearchParams(entries).toString();
  let answer = "";
  socket.on("data", (chunk: Buffer) => (answer += chunk.toString()));
  socket.write(
    `POST /vi/modules/${moduleId}/${lessonId} HTTP/1.1\r\nHost: ${new URL(urls.nginx).host}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`,
  );
  await new Promise((r) => setTimeout(r, 300));
  servers.b.process!.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  // Still running: it waits for this request.
  expect(servers.b.process!.exitCode).toBeNull();
  expect((await fetch(`${urls.b}/readyz`).catch(() => null))?.status ?? 0).not.toBe(200);
  socket.write(body.slice(10));
  expect(await servers.b.exit).toBe(0);
  expect(answer).toMatch(/^HTTP\/1\.1 302 /);
  expect(servers.b.log).toContain('"msg":"stopped"');
  socket.destroy();
  // The load balancer carries on with server A.
  for (let i = 0; i < 4; i++) expect((await fetch(`${urls.nginx}/healthz`)).status).toBe(200);
  const context = await playwrightRequest.newContext({ baseURL: urls.nginx });
  expect((await context.get("/vi")).status()).toBe(200);
  await context.dispose();
});
