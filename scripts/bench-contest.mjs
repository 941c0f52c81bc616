// `npm run bench -- contest`: the last minutes of a contest (issue 16). The built server on
// loopback, a contest of the sample commune MAU01 drawn from one module's lesson quizzes, then
// BENCH_CONTEST_PARTICIPANTS (default 2,000) visitors spread evenly over BENCH_CONTEST_SECONDS
// (default 120): each starts (a guest is made), loads the page, saves half its answers, hands in
// all of them with an idempotency key, and one in ten hands in again with the same key (a double
// tap). At most BENCH_CONTEST_IN_FLIGHT (default 100) participants are mid-way at once, on
// keep-alive connections. Then the database is read: every participant handed in exactly once,
// every answer kept. On SQLite, then on PostgreSQL (BENCH_CONTEST_DIALECTS=sqlite,postgres).
// Goals: p99 ≤ 500 ms, 0 errors.
import { spawn, spawnSync } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const participants = Number(process.env.BENCH_CONTEST_PARTICIPANTS ?? 2000);
const seconds = Number(process.env.BENCH_CONTEST_SECONDS ?? 120);
const inFlight = Number(process.env.BENCH_CONTEST_IN_FLIGHT ?? 100);
const dialects = (process.env.BENCH_CONTEST_DIALECTS ?? "sqlite,postgres").split(",");
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const PG_DATABASE = "bench_contest";
/** The same server, another database: the app has no schema setting, and a database of its own leaves the test schemas alone. */
const pgUrlOf = (database) => {
  const url = new URL(PG_URL);
  url.pathname = `/${database}`;
  return url.toString();
};
const port = 3421;
const base = `http://127.0.0.1:${port}`;
const MODULE = process.env.BENCH_CONTEST_MODULE ?? "scam-avoidance";
const QUESTIONS = 10;

if (!fs.existsSync(path.join(root, "build", "server", "index.js"))) {
  console.log("No build yet: building…");
  if (spawnSync("npx", ["remix", "vite:build"], { cwd: root, stdio: "inherit" }).status !== 0) process.exit(1);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** One request on a kept-alive connection: status, headers, body, milliseconds. */
function request(method, url, { body, cookie, fresh = false } = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    const headers = { "Accept-Language": "vi" };
    if (body) headers["Content-Type"] = "application/x-www-form-urlencoded";
    if (cookie) headers.Cookie = cookie;
    // Setup requests open their own connection: a kept one may have been closed while the admin command ran.
    const req = http.request(`${base}${url}`, { method, agent: fresh ? false : agent, headers }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode,
          headers: res.headers,
          body: Buffer.concat(chunks).toString("utf8"),
          ms: performance.now() - started,
        }),
      );
    });
    req.on("error", (error) => resolve({ status: 0, headers: {}, body: String(error), ms: performance.now() - started }));
    req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
    if (body) req.write(body);
    req.end();
  });
}

const vietnamTime = (s) => new Date(Date.now() + s * 1000 + 7 * 3_600_000).toISOString().slice(0, 19);
/** The cookies a response sets, the last value of each name (a response may clear one, then set it). */
const cookieOf = (res) => {
  const jar = new Map();
  for (const c of [res.headers["set-cookie"] ?? []].flat()) {
    const pair = c.split(";")[0];
    const name = pair.slice(0, pair.indexOf("="));
    if (pair.endsWith("=")) jar.delete(name);
    else jar.set(name, pair);
  }
  return [...jar.values()].join("; ");
};

async function waitFor(url) {
  for (let i = 0; i < 600; i++) {
    const res = await request("GET", url);
    if (res.status === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer`);
}

async function runOn(dialect) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-contest-"));
  // On PostgreSQL a server refuses to start without the shared secrets: made here, for this run only.
  const dbEnv =
    dialect === "sqlite"
      ? { SQLITE_PATH: path.join(dataDir, "bench.sqlite") }
      : {
          DATABASE_URL: pgUrlOf(PG_DATABASE),
          SESSION_SECRET: randomBytes(32).toString("base64url"),
          CERT_SIGNING_KEY: generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }),
        };
  let pgPool = null;
  if (dialect === "postgres") {
    const { default: pg } = await import("pg");
    pgPool = new pg.Pool({ connectionString: PG_URL, max: 1 });
    await pgPool.query(`DROP DATABASE IF EXISTS ${PG_DATABASE}`);
    await pgPool.query(`CREATE DATABASE ${PG_DATABASE}`);
  }
  const env = {
    ...process.env,
    ...dbEnv,
    NODE_ENV: "production",
    START_SERVER: "1",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    CONTEST_START_LIMIT: "1000000",
  };
  const server = spawn(process.execPath, ["server/index.mjs"], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
  try {
    await waitFor("/healthz");
    // The organiser: an account, made an official of the commune with the documented command.
    const login = `bench${Date.now().toString(36)}`;
    const signup = await request("POST", "/vi/signup", {
      body: new URLSearchParams({ displayName: "Cán Bộ Xã", login, password: "mat-khau-dai-8" }).toString(),
    });
    if (signup.status !== 302) throw new Error(`sign-up answered ${signup.status}`);
    const granted = spawnSync("npx", ["tsx", "scripts/admin.ts", "grant-official", login, "MAU01"], { cwd: root, env, encoding: "utf8" });
    if (granted.status !== 0) throw new Error(`grant-official failed: ${granted.stderr}`);
    const created = await request("POST", "/vi/report/MAU01/contests", {
      fresh: true,
      cookie: cookieOf(signup),
      body: new URLSearchParams([
        ["title", "Ngày hội toàn dân học tập số (bench)"],
        ["rules", ""],
        ["opensAt", vietnamTime(-60)],
        ["closesAt", vietnamTime(seconds + 1800)],
        ["minutes", "30"],
        ["attemptsAllowed", "1"],
        ["questionCount", String(QUESTIONS)],
        ["moduleIds", MODULE],
      ]).toString(),
    });
    const contestId = /contests\/([0-9a-f-]{36})/.exec(created.headers.location ?? "")?.[1];
    if (!contestId) throw new Error(`creating the contest answered ${created.status}`);
    const page = `/vi/contests/${contestId}`;
    const villages = ["MAU01-T01", "MAU01-T02", "MAU01-T03", "MAU01-T04", "MAU01"];

    // Warm up (the course is read and compiled on first use), outside the measured window.
    for (let i = 0; i < 20; i++) await request("GET", page);

    const latencies = [];
    const errors = [];
    const note = (label, res, ok) => {
      latencies.push(res.ms);
      if (!ok) errors.push(`${label}: ${res.status} ${res.body.slice(0, 120)}`);
    };
    let resent = 0;
    async function participant(i) {
      const start = await request("POST", page, {
        body: new URLSearchParams({ intent: "start", name: `Người thi ${i + 1}`, unitCode: villages[i % villages.length] }).toString(),
      });
      note("start", start, start.status === 302);
      const cookie = cookieOf(start);
      if (!cookie) return;
      const form = await request("GET", page, { cookie });
      note("page", form, form.status === 200);
      // The first option of each question, as shown (the bench does not know the answers either).
      const answers = new Map();
      for (const m of form.body.matchAll(/name="(answer\.q\d+)" value="([^"]+)"/g)) if (!answers.has(m[1])) answers.set(m[1], m[2]);
      const key = /name="attemptKey" value="([^"]+)"/.exec(form.body)?.[1];
      if (answers.size !== QUESTIONS || !key) {
        errors.push(`page ${i}: ${answers.size} questions, key ${key ? "yes" : "no"}`);
        return;
      }
      const half = [...answers].slice(0, QUESTIONS / 2);
      const save = await request("POST", page, {
        cookie,
        body: new URLSearchParams([["intent", "save"], ["attemptKey", key], ...half]).toString(),
      });
      note("save", save, save.status === 200);
      const all = new URLSearchParams([["intent", "submit"], ["attemptKey", key], ...answers]).toString();
      const submit = await request("POST", page, { cookie, body: all });
      note("submit", submit, submit.status === 302 && /\/result#score$/.test(submit.headers.location ?? ""));
      if (i % 10 === 0) {
        resent++;
        const again = await request("POST", page, { cookie, body: all });
        note("resubmit", again, again.status === 302 && /\/result#score$/.test(again.headers.location ?? ""));
      }
    }

    // Participants arrive evenly over the window; no more than `inFlight` are mid-way at once.
    const began = performance.now();
    let active = 0;
    let waiting = [];
    const slot = () => (active < inFlight ? Promise.resolve() : new Promise((r) => waiting.push(r)));
    const runs = [];
    for (let i = 0; i < participants; i++) {
      const due = began + (i * seconds * 1000) / participants;
      const delay = due - performance.now();
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      await slot();
      active++;
      runs.push(
        participant(i).finally(() => {
          active--;
          waiting.shift()?.();
        }),
      );
    }
    await Promise.all(runs);
    const elapsed = (performance.now() - began) / 1000;

    // Every participant handed in exactly once, with every answer.
    const query =
      "SELECT count(*) AS entries, count(DISTINCT learner_id) AS learners, " +
      "sum(CASE WHEN submitted_at IS NOT NULL AND late = 0 AND idempotency_key IS NOT NULL THEN 1 ELSE 0 END) AS handed_in, " +
      "sum(total_count) AS questions, sum(length(answers)) AS answer_bytes FROM contest_entries WHERE contest_id = ";
    let row;
    let answered = 0;
    if (dialect === "sqlite") {
      const { default: SQLite } = await import("better-sqlite3");
      const db = new SQLite(dbEnv.SQLITE_PATH, { readonly: true });
      row = db.prepare(`${query}?`).get(contestId);
      for (const r of db.prepare("SELECT answers FROM contest_entries WHERE contest_id = ?").all(contestId))
        answered += Object.keys(JSON.parse(r.answers)).length;
      db.close();
    } else {
      const { default: pg } = await import("pg");
      const bench = new pg.Client({ connectionString: dbEnv.DATABASE_URL });
      await bench.connect();
      row = (await bench.query(`${query}$1`, [contestId])).rows[0];
      for (const r of (await bench.query("SELECT answers FROM contest_entries WHERE contest_id = $1", [contestId])).rows)
        answered += Object.keys(JSON.parse(r.answers)).length;
      await bench.end();
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
    const result = {
      dialect,
      participants,
      seconds: Number(elapsed.toFixed(1)),
      requests: latencies.length,
      resent,
      p50: Math.round(pct(50)),
      p99: Math.round(pct(99)),
      max: Math.round(sorted.at(-1) ?? 0),
      errors: errors.length,
      entries: Number(row.entries),
      handedInOnce: Number(row.handed_in),
      answersKept: answered,
      answersSent: participants * QUESTIONS,
    };
    for (const e of errors.slice(0, 5)) console.log(`  error: ${e}`);
    return result;
  } finally {
    server.kill();
    await new Promise((r) => server.once("exit", r));
    if (pgPool) {
      if (process.env.BENCH_KEEP !== "1") await pgPool.query(`DROP DATABASE IF EXISTS ${PG_DATABASE}`);
      await pgPool.end();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(`\nContest: ${participants} participants over ${seconds} s, at most ${inFlight} at once, loopback, ${os.cpus().length} cores`);
console.log("| database   | requests | p50 ms | p99 ms | max ms | errors | handed in once | answers kept / sent | resent (same key) |");
console.log("|------------|---------:|-------:|-------:|-------:|-------:|---------------:|--------------------:|------------------:|");
let failed = false;
for (const dialect of dialects) {
  const r = await runOn(dialect);
  const ok =
    r.p99 <= 500 && r.errors === 0 && r.entries === participants && r.handedInOnce === participants && r.answersKept === r.answersSent;
  failed ||= !ok;
  console.log(
    `| ${dialect.padEnd(10)} | ${String(r.requests).padStart(8)} | ${String(r.p50).padStart(6)} | ${String(r.p99).padStart(6)} | ${String(r.max).padStart(6)} | ${String(r.errors).padStart(6)} | ${`${r.handedInOnce}/${r.entries}`.padStart(14)} | ${`${r.answersKept}/${r.answersSent}`.padStart(19)} | ${String(r.resent).padStart(17)} |${ok ? "" : " ✗"}`,
  );
}
console.log("Goals: p99 ≤ 500 ms, 0 errors, every participant handed in exactly once, every answer kept.");
agent.destroy();
process.exit(failed ? 1 : 0);
