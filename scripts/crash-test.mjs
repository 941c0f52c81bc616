// `npm run crash-test` (issue 15, part 6): the built server is killed with SIGKILL in the middle of
// writes from many clients, again and again, on SQLite and on PostgreSQL. After each kill, straight
// on the database: every answer the server said was saved (302) is there, nothing is half-written
// (each learner × lesson summary counts exactly the attempts stored), and the database's own checks
// pass (SQLite: integrity_check and foreign_key_check; PostgreSQL: amcheck on every index when the
// extension is available). Then the server starts again on the same database, and so on.
//
//   node scripts/crash-test.mjs [--runs N per dialect, default 100] [--dialects sqlite,postgres] [--clients 16]
//
// `npm test` runs it with --runs 10 (10 kills on each dialect). Loopback only; exits 1 on the first loss.
import { spawn } from "node:child_process";
import { generateKeyPairSync, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import SQLite from "better-sqlite3";
import pg from "pg";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "100" },
    dialects: { type: "string", default: process.env.SKIP_POSTGRES === "1" && !process.env.CI ? "sqlite" : "sqlite,postgres" },
    clients: { type: "string", default: "16" },
    port: { type: "string", default: process.env.CRASH_PORT ?? "3549" },
  },
});
const runs = Number(values.runs);
const clients = Number(values.clients);
const port = Number(values.port);
const base = `http://127.0.0.1:${port}`;
const lesson = "/vi/modules/scam-avoidance/fake-police-calls";
const pgUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

function send(agent, method, url, { body, cookie } = {}) {
  return new Promise((resolve, reject) => {
    const headers = {};
    if (body) Object.assign(headers, { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body) });
    if (cookie) headers.cookie = cookie;
    const req = http.request(new URL(url, base), { method, headers, agent }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on("error", reject);
    });
    req.on("error", reject);
    if (body) req.write(body);
    req.end();
  });
}

function startServer(env) {
  const child = spawn(process.execPath, ["server/index.mjs"], {
    cwd: root,
    env: {
      ...process.env,
      ...env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      MAINTENANCE_INTERVAL_HOURS: "0",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let errors = "";
  child.stderr.on("data", (c) => (errors = (errors + c).slice(-3000)));
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  return { child, exited, errors: () => errors };
}

async function waitReady(server) {
  for (let i = 0; i < 1200; i++) {
    if (server.child.exitCode !== null) throw new Error(`the server exited at start:\n${server.errors()}`);
    const ok = await send(undefined, "GET", "/readyz")
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the server did not become ready:\n${server.errors()}`);
}

/** The checks, straight on the database. */
function checker(dialect, env) {
  if (dialect === "sqlite") {
    return {
      async check(acked) {
        const db = new SQLite(env.SQLITE_PATH, { fileMustExist: true });
        try {
          const integrity = db.pragma("integrity_check", { simple: true });
          if (integrity !== "ok") return [`integrity_check: ${integrity}`];
          const fk = db.pragma("foreign_key_check");
          if (fk.length) return [`foreign_key_check: ${JSON.stringify(fk.slice(0, 3))}`];
          return await consistency(acked, (q, p = []) => db.prepare(q).all(...p));
        } finally {
          db.close();
        }
      },
      async drop() {},
    };
  }
  const pool = new pg.Pool({ connectionString: pgUrl, max: 2, options: `-c search_path=${env.DATABASE_SCHEMA}` });
  let amcheck;
  return {
    async check(acked) {
      const query = async (q, p = []) => (await pool.query(q, p)).rows;
      if (amcheck === undefined)
        amcheck = await pool.query("create extension if not exists amcheck").then(
          () => true,
          () => false,
        );
      if (amcheck) {
        const indexes = await query(
          "select c.oid, c.relname from pg_index i join pg_class c on c.oid = i.indexrelid join pg_namespace n on n.oid = c.relnamespace join pg_am a on a.oid = c.relam where n.nspname = $1 and a.amname = 'btree'",
          [env.DATABASE_SCHEMA],
        );
        for (const index of indexes) {
          try {
            await pool.query("select bt_index_check($1::regclass, true)", [index.oid]);
          } catch (error) {
            return [`amcheck ${index.relname}: ${error.message}`];
          }
        }
      }
      return consistency(acked, query);
    },
    amcheck: () => amcheck,
    async drop() {
      await pool.query(`drop schema if exists ${env.DATABASE_SCHEMA} cascade`);
      await pool.end();
    },
  };
}

/** Every acknowledged answer is stored; every summary counts exactly the attempts stored. */
async function consistency(acked, query) {
  const problems = [];
  const keys = new Set(
    (await query("select idempotency_key from attempts where idempotency_key is not null")).map((r) => r.idempotency_key),
  );
  const missing = acked.filter((k) => !keys.has(k));
  if (missing.length) problems.push(`${missing.length} answers acknowledged but not stored (e.g. ${missing[0]})`);
  const mismatched = await query(
    `select p.learner_id, p.item_id, p.attempt_count, count(a.id) as stored
       from progress p left join attempts a on a.learner_id = p.learner_id and a.item_kind = p.item_kind and a.item_id = p.item_id
      group by p.learner_id, p.item_kind, p.item_id, p.attempt_count
     having p.attempt_count <> count(a.id)`,
  );
  if (mismatched.length) problems.push(`${mismatched.length} summaries disagree with their attempts: ${JSON.stringify(mismatched[0])}`);
  const orphans = await query(
    `select count(*) as n from attempts a where not exists (select 1 from progress p where p.learner_id = a.learner_id and p.item_kind = a.item_kind and p.item_id = a.item_id)`,
  );
  if (Number(orphans[0].n) > 0) problems.push(`${orphans[0].n} attempts without their summary`);
  return problems;
}

async function crashDialect(dialect) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bdhvs-crash-"));
  const schema = `test_crash_${randomBytes(5).toString("hex")}`;
  const env =
    dialect === "postgres"
      ? {
          DATA_DIR: dataDir,
          DATABASE_URL: pgUrl,
          DATABASE_SCHEMA: schema,
          SESSION_SECRET: randomBytes(32).toString("base64url"),
          CERT_SIGNING_KEY: generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
        }
      : { DATA_DIR: dataDir, SQLITE_PATH: path.join(dataDir, "crash.sqlite") };
  const db = checker(dialect, env);
  const acked = [];
  let cookies = [];
  let body = "";
  let unknown = 0;
  const started = Date.now();
  try {
    for (let run = 1; run <= runs; run++) {
      const server = startServer(env);
      await waitReady(server);
      const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
      if (!body) {
        const page = await send(agent, "GET", lesson);
        const form = new URLSearchParams();
        for (const m of page.body.matchAll(/name="(answer\.[^"]+)" value="([^"]+)"/g)) if (!form.has(m[1])) form.append(m[1], m[2]);
        form.append("intent", "submit");
        body = form.toString();
        for (let i = 0; i < clients; i++) {
          const r = await send(agent, "POST", lesson, { body: `${body}&attemptKey=${randomUUID()}` });
          cookies.push(String(r.headers["set-cookie"]).split(";")[0]);
        }
      }
      let killed = false;
      let answeredThisRun = 0;
      const writers = cookies.map(async (cookie) => {
        while (!killed) {
          const key = randomUUID();
          try {
            const r = await send(agent, "POST", lesson, { body: `${body}&attemptKey=${key}`, cookie });
            if (r.status === 302) {
              acked.push(key);
              answeredThisRun++;
            } else if (!killed) throw new Error(`an answer got ${r.status}: ${r.body.slice(0, 300)}`);
          } catch (error) {
            if (!killed) throw error;
            unknown++; // cut off by the kill: may or may not be stored, both are right
          }
        }
      });
      // Mid-writes: once answers are being saved (as many as there are clients), after a random 0–400 ms more.
      for (let i = 0; i < 600 && answeredThisRun < clients; i++) await new Promise((r) => setTimeout(r, 25));
      await new Promise((r) => setTimeout(r, Math.random() * 400));
      killed = true;
      server.child.kill("SIGKILL");
      await server.exited;
      await Promise.all(writers);
      agent.destroy();
      const problems = await db.check(acked);
      if (problems.length) throw new Error(`${dialect}, kill ${run}: ${problems.join("; ")}`);
      process.stdout.write(`${dialect} kill ${run}/${runs}: ${answeredThisRun} answers saved before it, all there\n`);
    }
  } finally {
    await db.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const checks =
    dialect === "sqlite"
      ? "integrity_check and foreign_key_check ok"
      : db.amcheck?.()
        ? "amcheck ok on every index"
        : "amcheck not installed";
  console.log(
    `${dialect}: ${runs} kills with SIGKILL, ${acked.length} answers acknowledged and all stored, ${unknown} cut off, summaries consistent, ${checks} (${Math.round((Date.now() - started) / 1000)} s)`,
  );
}

if (!fs.existsSync(path.join(root, "build", "server", "index.js"))) {
  console.error("No build: run `npx remix vite:build` first.");
  process.exit(1);
}
try {
  for (const dialect of values.dialects.split(",").filter(Boolean)) await crashDialect(dialect);
  console.log("crash test: passed");
} catch (error) {
  console.error(`crash test FAILED: ${error.message}`);
  process.exit(1);
}
