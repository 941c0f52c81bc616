import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import SQLite from "better-sqlite3";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { generateCode } from "../../app/modules/certificates/code";
import { form, unique } from "./classes-helpers";

/**
 * Issue 10 (findings 1, 6, 7): rate limits, fair lockouts, bounded hashing. These need limits
 * small enough to reach and addresses of their own, so this spec starts its own server (the
 * built app, a fresh SQLite database, TRUST_PROXY=loopback so that each test's X-Forwarded-For
 * is its address) on a free port, and reads its memory from /proc/<pid>/status.
 *
 * E2E_LIMITS_ROOT may point at another checkout's build (to watch these tests fail without the fix).
 */
// One server, one test at a time (the burst test measures latency); against another build every test runs, even after a failure.
test.describe.configure({ mode: process.env.E2E_LIMITS_ROOT ? "default" : "serial" });

const root = process.env.E2E_LIMITS_ROOT ?? process.cwd();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bdhvs-limits-"));
const sqlitePath = path.join(dataDir, "limits.sqlite");
let server: ChildProcess;
let baseURL = "";

const LIMITS = {
  LOGIN_RATE_LIMIT: "5",
  LOGIN_ADDRESS_LIMIT: "20",
  PIN_SLOWDOWN_SECONDS: "1",
  SIGNUP_RATE_LIMIT: "5",
  JOIN_RATE_LIMIT: "10",
  VERIFY_RATE_LIMIT: "10",
  CERT_PDF_RATE_LIMIT: "4",
  PASSWORD_HASH_CONCURRENCY: "2",
  PASSWORD_HASH_QUEUE: "4",
  // The admission gate (server/admission.mjs) starts one request a turn, which spreads a burst so
  // that the hash queue above rarely fills: opened wide here, so the burst test below meets the
  // hash queue's own refusal (the gate's is tested in server/admission.test.ts).
  REQUESTS_PER_TURN: "1000",
};

function listeningPort(pid: number): number | null {
  const out = execFileSync("ss", ["-ltnpH"], { encoding: "utf8" });
  const line = out.split("\n").find((l) => l.includes(`pid=${pid},`));
  const match = line && /:(\d+)\s/.exec(line);
  return match ? Number(match[1]) : null;
}

/**
 * The server's memory in MB: resident (as the kernel counts it, /proc/<pid>/status) and retained by
 * JavaScript (heap + external, after a full garbage collection: the server's test-only endpoint;
 * null when the build has none).
 */
async function memoryMb(): Promise<{ rss: number; retained: number | null }> {
  const usage = (await fetch(`${baseURL}/__test/memory`)
    .then((r) => (r.ok ? r.json() : null))
    .catch(() => null)) as { heapUsed: number; external: number } | null;
  const status = fs.readFileSync(`/proc/${server.pid}/status`, "utf8");
  return {
    rss: Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024,
    retained: usage ? (usage.heapUsed + usage.external) / 2 ** 20 : null,
  };
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = spawn("node", ["--expose-gc", path.join(root, "server/index.mjs")], {
    cwd: root,
    env: {
      ...process.env,
      ...LIMITS,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: "0",
      DATA_DIR: dataDir,
      SQLITE_PATH: sqlitePath,
      SESSION_SECRET: "limits-secret-limits-secret-limits-secret",
      TRUST_PROXY: "loopback",
      TEST_MEMORY_ENDPOINT: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.resume();
  let errors = "";
  server.stderr!.on("data", (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-2000)));
  server.on("exit", (code) => {
    if (code) console.error(`limits server exited with ${code}: ${errors.slice(-600)}`);
  });
  for (let i = 0; i < 600 && !baseURL; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const port = listeningPort(server.pid!);
    if (port) baseURL = `http://127.0.0.1:${port}`;
  }
  expect(baseURL, "the server listens").not.toBe("");
  for (let i = 0; i < 100; i++) {
    if ((await fetch(`${baseURL}/healthz`).catch(() => null))?.ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
});

test.afterAll(() => {
  server?.kill();
});

let addressCounter = 0;
/** A client of its own address (a phone on its own network), keeping its cookies. */
async function client(address = `10.${Math.floor(++addressCounter / 250)}.${addressCounter % 250}.${1 + Math.floor(Math.random() * 250)}`) {
  return playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { "X-Forwarded-For": address, "Accept-Language": "vi" } });
}

async function signUp(api: APIRequestContext, login = `u${unique()}`, password = "mat-khau-dai-8") {
  const response = await api.post("/vi/signup", form({ displayName: "Nguyễn Văn An", login, password }));
  expect(response.status(), await response.text()).toBe(302);
  return { login, password };
}

const db = () => new SQLite(sqlitePath);

test("200 log-ins with 1 MB names leave the server's memory where it was (finding 1)", async () => {
  test.setTimeout(300_000);
  const name = (i: number) => `${"x".repeat(1024 * 1024 - 8)}${String(i).padStart(8, "0")}`;
  const post = (i: number) =>
    fetch(`${baseURL}/vi/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": "10.200.0.1" },
      body: new URLSearchParams({ login: name(i), password: "wrong-password" }).toString(),
      redirect: "manual",
    }).then((r) => r.arrayBuffer().then(() => r.status));
  // Warm up: the code paths, the allocator, the database.
  for (let i = 0; i < 10; i++) await post(1_000_000 + i);
  const before = await memoryMb();
  const statuses = new Map<number, number>();
  for (let i = 0; i < 200; i++) {
    const status = await post(i);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  }
  const after = await memoryMb();
  const mb = (n: number | null) => (n === null ? "?" : n.toFixed(1));
  console.log(
    `memory (finding 1), 200 log-ins with 1 MB names: retained by JavaScript ${mb(before.retained)} → ${mb(after.retained)} MB, resident ${mb(before.rss)} → ${mb(after.rss)} MB; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
  );
  expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
  // What the process keeps: a few MB at most. (Resident memory also holds what the allocator has
  // not handed back to the system yet, which varies with the machine's load: a looser bound.)
  if (after.retained !== null && before.retained !== null) expect(after.retained - before.retained).toBeLessThan(8);
  expect(after.rss - before.rss).toBeLessThan(100);
});

test("failed log-ins with new names are limited per address, answered 429 with Retry-After in the visitor's language (finding 7)", async () => {
  const api = await client();
  const statuses: number[] = [];
  for (let i = 0; i < 25; i++)
    statuses.push((await api.post("/vi/login", form({ login: `new${unique()}`, password: "wrong-password" }))).status());
  expect(statuses.slice(0, 20).every((s) => s === 400)).toBe(true);
  expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429]);
  const limited = await api.post("/en/login", form({ login: `new${unique()}`, password: "wrong-password" }));
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
  expect(await limited.text()).toContain("Too many wrong tries. Wait");
});

test("sign-ups with a taken name are limited per address (finding 6, 7)", async () => {
  const owner = await client();
  const { login } = await signUp(owner);
  const prober = await client();
  const statuses: number[] = [];
  for (let i = 0; i < 8; i++)
    statuses.push((await prober.post("/vi/signup", form({ displayName: "Kẻ dò", login, password: "mat-khau-dai-8" }))).status());
  expect(statuses).toEqual([400, 400, 400, 400, 400, 429, 429, 429]);
  const limited = await prober.post("/vi/signup", form({ displayName: "Kẻ dò", login, password: "mat-khau-dai-8" }));
  expect(limited.headers()["retry-after"]).toMatch(/^\d+$/);
  expect(await limited.text()).toContain("Có quá nhiều lượt tạo tài khoản từ mạng này");
});

test("wrong passwords from a shared Wi-Fi do not keep the owner out of a phone they used before; unknown names get the same answers (finding 6)", async () => {
  const wifi = `10.201.0.${1 + Math.floor(Math.random() * 200)}`;
  const ownerPhone = await client(wifi);
  const { login, password } = await signUp(ownerPhone);
  await ownerPhone.post("/vi/logout", { maxRedirects: 0 });
  expect((await ownerPhone.post("/vi/login", form({ login, password }))).status()).toBe(302);
  await ownerPhone.post("/vi/logout", { maxRedirects: 0 });

  const stranger = await client(wifi);
  const real: number[] = [];
  const unknown: number[] = [];
  for (let i = 0; i < 7; i++) real.push((await stranger.post("/vi/login", form({ login, password: "doan-mo-mat-khau" }))).status());
  for (let i = 0; i < 7; i++)
    unknown.push(
      (await stranger.post("/vi/login", form({ login: `khong${unique()}x`.slice(0, 20), password: "doan-mo-mat-khau" }))).status(),
    );
  // (a new unknown name each time is a new pair: the same name every time, to compare like with like)
  const sameUnknown = `khongco${unique()}`.slice(0, 20);
  const unknownSame: number[] = [];
  for (let i = 0; i < 7; i++)
    unknownSame.push((await stranger.post("/vi/login", form({ login: sameUnknown, password: "doan-mo-mat-khau" }))).status());
  expect(real).toEqual([400, 400, 400, 400, 400, 429, 429]);
  expect(unknownSame).toEqual(real);
  expect(unknown.every((s) => s === 400)).toBe(true);

  // A new phone on the same Wi-Fi must wait…
  const newPhone = await client(wifi);
  expect((await newPhone.post("/vi/login", form({ login, password }))).status()).toBe(429);
  // …but the owner's own phone (its signed __device cookie names the account) gets in.
  expect((await ownerPhone.post("/vi/login", form({ login, password }))).status()).toBe(302);
});

test("a PIN learner's answers do not tell a real username from an unknown one (finding 6)", async () => {
  const database = db();
  const id = randomUUID();
  const username = `lan${Math.floor(Math.random() * 9000 + 1000)}`;
  const at = new Date().toISOString();
  database
    .prepare(
      "insert into learners (id, kind, display_name, username, password_hash, created_at, updated_at) values (?, 'account', ?, ?, null, ?, ?)",
    )
    .run(id, "Trần Thị Lan", username, at, at);
  database
    .prepare(
      "insert into learner_pins (learner_id, pin_hash, failed_count, last_failed_at, locked_at, updated_at) values (?, ?, 0, null, null, ?)",
    )
    .run(id, "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0000000000000000000000000000000000000000000", at);
  database.close();
  const answers = async (login: string) => {
    const api = await client();
    const seen: string[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await api.post("/vi/login/pin", form({ login, pin: "482913" }));
      const text = (await r.text()).replaceAll(login, "NAME");
      const alert = /role="alert"[^>]*>(.*?)<\/div>/s.exec(text)?.[1] ?? "";
      seen.push(`${r.status()} ${alert.replace(/\d+ giây/, "N giây")}`);
    }
    return seen;
  };
  const real = await answers(username);
  expect(real[0]).toMatch(/^400 .*Sai tên đăng nhập hoặc mã PIN/);
  expect(real.join("\n")).not.toMatch(/Còn \d+ lần/);
  expect(await answers(`lan${Math.floor(Math.random() * 9000 + 1000)}x`.slice(0, 8))).toEqual(real);
});

test("80 join posts without a cookie make at most the address's limit of guests; a closed class takes nobody (finding 7)", async () => {
  const database = db();
  const ownerId = randomUUID();
  const classId = randomUUID();
  const code = "K7M3QX";
  const at = new Date().toISOString();
  database
    .prepare(
      "insert into learners (id, kind, display_name, username, password_hash, created_at, updated_at) values (?, 'account', 'Cô Hạnh', ?, null, ?, ?)",
    )
    .run(ownerId, `co${unique()}`, at, at);
  database
    .prepare(
      "insert into classes (id, owner_id, name, place, schedule, join_code, created_at, updated_at) values (?, ?, 'Lớp Thôn 3', null, null, ?, ?, ?)",
    )
    .run(classId, ownerId, code, at, at);
  const members = () =>
    Number((db().prepare("select count(*) as n from class_members where class_id = ?").get(classId) as { n: number }).n);
  const statuses = await Promise.all(
    Array.from({ length: 80 }, () =>
      fetch(`${baseURL}/vi/join/${code}`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": "10.202.0.1" },
        body: "displayName=Kh%C3%A1ch",
        redirect: "manual",
      }).then((r) => r.status),
    ),
  );
  console.log(`join flood: ${statuses.filter((s) => s === 302).length} joined, ${statuses.filter((s) => s === 429).length} refused (429)`);
  expect(statuses.filter((s) => s === 302)).toHaveLength(10);
  expect(statuses.filter((s) => s === 429)).toHaveLength(70);
  expect(members()).toBe(10);

  // The owner closes joining (the class page's form): the link says so, and a post adds nobody.
  db().prepare("update classes set joining_closed_at = ? where id = ?").run(at, classId);
  const visitor = await client();
  const page = await visitor.get(`/vi/join/${code}`);
  expect(await page.text()).toContain("Lớp này hiện không nhận thêm học viên");
  expect((await visitor.post(`/vi/join/${code}`, form({ displayName: "Khách" }))).status()).toBe(403);
  expect(members()).toBe(10);
});

test("/verify is limited per address (finding 7)", async () => {
  const api = await client();
  const code = generateCode();
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++) statuses.push((await api.get(`/vi/verify/${code}`)).status());
  expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
  const limited = await api.get(`/en/verify/${code}`);
  expect(limited.status()).toBe(429);
  expect(limited.headers()["retry-after"]).toMatch(/^\d+$/);
  expect(await limited.text()).toContain("Please wait a moment");
});

test("a burst of log-ins gets 503 with Retry-After while a lesson page stays fast (bounded hashing)", async () => {
  // A cookie makes the server render the page (the page cache serves only cookie-less requests).
  const lesson = "/vi/modules/scam-avoidance/fake-police-calls";
  const quiet: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = Date.now();
    expect((await fetch(`${baseURL}${lesson}`, { headers: { Cookie: "x=1" } })).status).toBe(200);
    quiet.push(Date.now() - t0);
  }
  const burst = Array.from({ length: 40 }, (_, i) =>
    fetch(`${baseURL}/vi/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": `10.203.${Math.floor(i / 200)}.${i % 200}` },
      body: new URLSearchParams({ login: `burst${i}`, password: "wrong-password" }).toString(),
      redirect: "manual",
    }).then(async (r) => ({ status: r.status, retry: r.headers.get("retry-after"), body: await r.text() })),
  );
  const t0 = Date.now();
  const page = await fetch(`${baseURL}${lesson}`, { headers: { Cookie: "x=1" } });
  await page.text();
  const during = Date.now() - t0;
  const results = await Promise.all(burst);
  const busy = results.filter((r) => r.status === 503);
  console.log(
    `burst of 40 log-ins: ${busy.length}× 503, ${results.filter((r) => r.status === 400).length}× 400; lesson page ${during} ms during (quiet: ${quiet.join(", ")} ms)`,
  );
  expect(results.every((r) => r.status === 400 || r.status === 503)).toBe(true);
  expect(busy.length).toBeGreaterThan(0);
  expect(busy[0]!.retry).toMatch(/^\d+$/);
  expect(busy[0]!.body).toContain("Hệ thống đang bận");
  // Generous: this machine is shared (load average above 20 at times); without the queue it took 4.8 s.
  // Against the quiet figure of the same run, so a busy machine slows both sides alike.
  expect(during).toBeLessThan(Math.max(3000, 8 * Math.max(...quiet)));
});

test("certificate PDFs are limited per learner (finding 7) and come from the cache after the first", async () => {
  const api = await client();
  const { login } = await signUp(api);
  const database = db();
  const learner = database.prepare("select id from learners where username = ?").get(login) as { id: string };
  const code = generateCode();
  const at = new Date().toISOString();
  database
    .prepare(
      `insert into certificates (id, code, learner_id, kind, subject_id, printed_name, titles, locale, completed_at, issued_at, issuer_name, issuer_name_en, token, key_id, revoked_at, revoked_reason, revoked_by, reissue_allowed)
       values (?, ?, ?, 'module', 'scam-avoidance', 'Nguyễn Văn An', ?, 'vi', ?, ?, 'UBND xã', 'Commune', 'x.y.z', 'k', null, null, null, 0)`,
    )
    .run(randomUUID(), code, learner.id, JSON.stringify({ vi: "Phòng tránh lừa đảo", en: "Avoiding scams" }), at, at);
  database.close();
  const times: number[] = [];
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    const t0 = Date.now();
    const r = await api.get(`/vi/certificates/${code}/pdf`);
    await r.body();
    times.push(Date.now() - t0);
    statuses.push(r.status());
  }
  console.log(`certificate PDFs: ${statuses.join(", ")} in ${times.join(", ")} ms`);
  expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  const limited = await api.get(`/vi/certificates/${code}/pdf`);
  expect(limited.headers()["retry-after"]).toMatch(/^\d+$/);
  expect(limited.headers()["content-type"]).toContain("text/html");
  expect(await limited.text()).toContain("Xin hãy đợi một chút");
});
