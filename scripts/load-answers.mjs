// `npm run bench:answers`: N learners (default 200) answering a quiz at once against the built server
// (`npm start`: WEB_CONCURRENCY workers, default every core) on a throw-away database, each with its
// own guest cookie and its own keep-alive connection, for DURATION seconds (default 15). Each
// learner waits THINK_MS (default 0: as fast as the server answers) between answers. DIALECT=postgres
// uses TEST_DATABASE_URL in a schema of its own (dropped after); default SQLite. Prints
// p50/p90/p99/max and how many slow answers were the first one on a new connection: the signature of
// the accept starvation described in the README (Performance). Loopback only; bounded in time.
// MAX_P99_MS: exit 1 when p99 is over it or any answer failed (the bench's pass mark).
// Also prints the CPU time the server's processes (primary and workers) and this generator spent
// during the measured window, per answer (Linux /proc): less affected by other load than latency.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { postgresCpuMs } from "./postgres-cpu.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const learners = Number(process.env.N ?? 200);
const duration = Number(process.env.DURATION ?? 15) * 1000;
const port = Number(process.env.LOAD_PORT ?? 3471);
const lesson = process.env.LESSON ?? "/vi/modules/scam-avoidance/fake-police-calls";
const base = `http://127.0.0.1:${port}`;
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

const think = Number(process.env.THINK_MS ?? 0);
const dialect = process.env.DIALECT ?? "sqlite";
const pgUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const schema = `bench_${process.pid}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "load-answers-"));
const databaseEnv =
  dialect === "postgres"
    ? {
        DATABASE_URL: pgUrl,
        DATABASE_SCHEMA: schema,
        SESSION_SECRET: randomBytes(32).toString("base64url"),
        CERT_SIGNING_KEY: (await import("node:crypto")).generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }),
      }
    : { SQLITE_PATH: path.join(dataDir, "a.sqlite") };
// LOAD_NODE_ARGS: extra Node flags for the server (say "--cpu-prof --cpu-prof-dir=/tmp/prof"; workers inherit them).
const nodeArgs = (process.env.LOAD_NODE_ARGS ?? "").split(" ").filter(Boolean);
const server = spawn(process.execPath, [...nodeArgs, "scripts/start.mjs"], {
  cwd: root,
  env: {
    ...process.env,
    ...databaseEnv,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  },
  stdio: ["ignore", process.env.LOAD_SERVER_LOG ? fs.openSync(process.env.LOAD_SERVER_LOG, "w") : "ignore", "inherit"],
  detached: true,
});
const cleanUp = () => {
  try {
    process.kill(-server.pid, "SIGKILL");
  } catch {
    // already gone
  }
  if (dialect === "postgres") spawnSync("psql", [pgUrl, "-qc", `drop schema if exists ${schema} cascade`], { stdio: "ignore" });
  fs.rmSync(dataDir, { recursive: true, force: true });
};
process.on("exit", cleanUp);

function send(method, url, { body, cookie } = {}) {
  return new Promise((resolve, reject) => {
    const headers = {};
    if (body) Object.assign(headers, { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body) });
    if (cookie) headers.cookie = cookie;
    const started = performance.now();
    const req = http.request(new URL(url, base), { method, headers, agent }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
          ms: performance.now() - started,
          reused: req.reusedSocket,
        }),
      );
    });
    req.on("error", reject);
    if (body) req.write(body);
    req.end();
  });
}

for (let i = 0; ; i++) {
  try {
    if ((await send("GET", "/healthz")).status === 200) break;
  } catch {
    // not listening yet
  }
  if (i > 1200) throw new Error("the server did not start");
  await new Promise((r) => setTimeout(r, 100));
}

const page = await send("GET", lesson);
const form = new URLSearchParams();
for (const m of page.body.matchAll(/name="(answer\.[^"]+)" value="([^"]+)"/g)) if (!form.has(m[1])) form.append(m[1], m[2]);
form.append("intent", "submit");
const body = form.toString();

// Each learner's first answer makes them a guest (20 at a time, over few connections).
const cookies = [];
while (cookies.length < learners) {
  const batch = await Promise.all(Array.from({ length: Math.min(20, learners - cookies.length) }, () => send("POST", lesson, { body })));
  for (const r of batch) cookies.push(String(r.headers["set-cookie"]).split(";")[0]);
}

/** CPU ms (user + system, and system alone) used so far by every process in the server's process group (Linux only). */
function serverCpuMs() {
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  let total = 0;
  let system = 0;
  let dirs = [];
  try {
    dirs = fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  } catch {
    return { total: NaN, system: NaN };
  }
  for (const pid of dirs) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      // Fields after the command name (which may hold spaces) in parentheses.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== server.pid) continue; // pgrp
      total += (Number(fields[11]) + Number(fields[12])) * tick; // utime, stime
      system += Number(fields[12]) * tick;
    } catch {
      // gone meanwhile
    }
  }
  return { total, system };
}

const latencies = [];
const settled = [];
// LOAD_TIMELINE=<file>: every answer's start (ms into the run), latency and learner, to see when the slow ones happened.
const timeline = process.env.LOAD_TIMELINE ? [] : null;
let errors = 0;
let slowFirst = 0;
let slowReused = 0;
const cpuBefore = serverCpuMs();
const pgBefore = dialect === "postgres" ? postgresCpuMs() : 0;
const ownBefore = process.cpuUsage();
const start = performance.now();
await Promise.all(
  cookies.map(async (cookie) => {
    // Learners do not all press "submit" in the same millisecond: each starts at a random moment of
    // its first think time (with THINK_MS=0, all at once).
    if (think) await new Promise((r) => setTimeout(r, think * Math.random()));
    while (performance.now() - start < duration) {
      try {
        const r = await send("POST", lesson, { body, cookie });
        if (r.status !== 302) errors++;
        latencies.push(r.ms);
        // Answers started after the first second: the figures without the opening burst of new connections.
        if (performance.now() - start - r.ms >= 1000) settled.push(r.ms);
        if (timeline) timeline.push(`${Math.round(performance.now() - start - r.ms)} ${r.ms.toFixed(1)} ${cookie.slice(-6)}`);
        if (r.ms > 1000 && r.reused) slowReused++;
        else if (r.ms > 1000) slowFirst++;
      } catch {
        errors++;
      }
      if (think) await new Promise((r) => setTimeout(r, think * (0.5 + Math.random())));
    }
  }),
);
const cpuAfter = serverCpuMs();
const pgCpu = dialect === "postgres" ? postgresCpuMs() - pgBefore : 0;
if (timeline) fs.writeFileSync(process.env.LOAD_TIMELINE, timeline.join("\n") + "\n");
const serverCpu = cpuAfter.total - cpuBefore.total;
const serverSystem = cpuAfter.system - cpuBefore.system;
const own = process.cpuUsage(ownBefore);
const ownCpu = (own.user + own.system) / 1000;
latencies.sort((a, b) => a - b);
const at = (p) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]);
const workers = process.env.WEB_CONCURRENCY || String(os.availableParallelism());
console.log(
  `${learners} learners answering for ${duration / 1000} s (${dialect}, ${workers} worker(s), think ${think} ms): ${latencies.length} answers (${Math.round(latencies.length / (duration / 1000))}/s), ${errors} errors`,
);
console.log(`p50 ${at(0.5)} ms, p90 ${at(0.9)} ms, p99 ${at(0.99)} ms, max ${Math.round(latencies.at(-1))} ms`);
settled.sort((a, b) => a - b);
const settledAt = (p) => Math.round(settled[Math.min(settled.length - 1, Math.floor(settled.length * p))] ?? NaN);
console.log(`started after the first second (${settled.length}): p50 ${settledAt(0.5)} ms, p99 ${settledAt(0.99)} ms`);
const perAnswer = (ms) => (ms / Math.max(1, latencies.length)).toFixed(2);
console.log(
  `CPU: server ${Math.round(serverCpu)} ms (${perAnswer(serverCpu)} ms/answer, of which system ${perAnswer(serverSystem)}), load generator ${Math.round(ownCpu)} ms (${perAnswer(ownCpu)} ms/answer)${dialect === "postgres" ? `, PostgreSQL's processes ${perAnswer(pgCpu)} ms/answer` : ""}; load average ${os.loadavg()[0].toFixed(1)}`,
);
console.log(`answers over 1 s: ${slowFirst} first on a new connection, ${slowReused} on a connection already open`);
// A graceful stop (SIGTERM, up to 10 s) so that a server started with NODE_OPTIONS=--cpu-prof writes its profiles.
await new Promise((resolve) => {
  server.once("exit", resolve);
  setTimeout(resolve, 10_000).unref();
  try {
    process.kill(-server.pid, "SIGTERM");
  } catch {
    resolve();
  }
});
const limit = Number(process.env.MAX_P99_MS ?? 0);
if (limit && (at(0.99) > limit || errors > 0)) {
  console.log(`FAILED: p99 ${at(0.99)} ms (limit ${limit} ms), ${errors} errors`);
  process.exit(1);
}
process.exit(0);
