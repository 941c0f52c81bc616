// `npm start`: build the app if the build is missing or older than its sources, then serve it on
// every core: WEB_CONCURRENCY worker processes (default: the machine's cores), forked by a primary
// (node:cluster) that first runs the once-per-start steps (migrations, sample units, secrets: see
// server/index.mjs --prepare) so that workers never race for them, then restarts any worker that
// dies and, on SIGTERM, lets each finish its requests. WEB_CONCURRENCY=1: one process, no primary.
import { spawnSync } from "node:child_process";
import cluster from "node:cluster";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const serverBuild = path.join(root, "build", "server", "index.js");

function newestMtime(target) {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

const sources = ["app", "db", "public", "vite.config.ts", "package.json"].map((p) => path.join(root, p));
const builtAt = fs.statSync(serverBuild, { throwIfNoEntry: false })?.mtimeMs ?? 0;
if (builtAt < Math.max(...sources.map(newestMtime))) {
  console.log(builtAt ? "Sources changed: rebuilding…" : "No build yet: building…");
  const result = spawnSync("npx", ["remix", "vite:build"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

process.env.NODE_ENV ??= "production";
const server = path.join(root, "server", "index.mjs");
const workers = Number(process.env.WEB_CONCURRENCY || os.availableParallelism());
if (!Number.isInteger(workers) || workers < 1 || workers > 256) {
  console.error(`WEB_CONCURRENCY must be a whole number from 1 to 256, not "${process.env.WEB_CONCURRENCY}"`);
  process.exit(1);
}

if (workers === 1) {
  process.env.START_SERVER = "1";
  await import(server);
} else {
  const prepared = spawnSync(process.execPath, [server, "--prepare"], { cwd: root, stdio: "inherit" });
  if (prepared.status !== 0) process.exit(prepared.status ?? 1);
  const { logger, serveClusterMetrics } = await import(path.join(root, "server", "observe.mjs"));
  serveClusterMetrics();
  cluster.setupPrimary({ exec: server });
  let stopping = false;
  // The retention job runs in the first worker only (every step is idempotent; once is enough).
  const fork = (first) => {
    const worker = cluster.fork(first ? {} : { MAINTENANCE_INTERVAL_HOURS: "0" });
    worker.on("exit", (code, signal) => {
      if (stopping) return;
      logger.error({ worker: worker.id, code, signal }, "worker died: starting another");
      setTimeout(() => fork(first), 1_000);
    });
  };
  for (let i = 0; i < workers; i++) fork(i === 0);
  logger.info({ workers }, "primary: workers started");
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "primary: stopping the workers");
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    const check = setInterval(() => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    }, 50);
    check.unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}
