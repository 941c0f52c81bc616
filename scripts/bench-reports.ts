/**
 * The reports section of `npm run bench` (also alone: `npx tsx scripts/bench-reports.ts`).
 *
 * Builds a province of BENCH_REPORT_LEARNERS learners (default 200,000) across 100 communes × 10
 * villages with the demo generator, on SQLite (a file in the system's temp folder) and on
 * PostgreSQL (database `test`, schema bench_reports_<n>, dropped afterwards unless BENCH_KEEP=1:
 * the server is shared with the test suites); the SQLite file is kept between runs. Then, in a fresh
 * process per measurement, times the province report for this quarter (first and warm), a commune
 * report (warm) and the XLSX export, with the process's peak resident memory during the export.
 * BENCH_REPORT_SIZES=50000,200000 compares memory at two sizes; BENCH_REPORT_DIALECTS=sqlite limits.
 */
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { migrateToLatest, openDatabase, type Database, type Dialect } from "#db/client";
import { serverI18n } from "~/i18n/strings.server";
import { readCourseShape } from "~/modules/progress/shape.server";
import { generateProvince } from "~/modules/reports/demo-data.server";
import { writeReportXlsx } from "~/modules/reports/export.server";
import { currentQuarter } from "~/modules/reports/period";
import { buildReport } from "~/modules/reports/report.server";
import { reportTables } from "~/modules/reports/tables";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const PROVINCE = "90";

async function open(dialect: Dialect, size: number): Promise<Database> {
  const { db } =
    dialect === "sqlite"
      ? await openDatabase({ sqlitePath: path.join(os.tmpdir(), `bdhvs-bench-reports-${size}.sqlite`) })
      : await openDatabase({ url: PG_URL, pgSchema: `bench_reports_${size}` });
  await migrateToLatest(db);
  return db;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time<T>(run: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const value = await run();
  return [performance.now() - started, value];
}

/** One measurement, in its own process: report timings and the export's time and peak memory. */
async function measure(dialect: Dialect, size: number) {
  const db = await open(dialect, size);
  const shape = await readCourseShape(path.join(root, "content"));
  const period = currentQuarter(new Date());
  const t = serverI18n("vi").t;
  const [first] = await time(() => buildReport(db, { unitCode: PROVINCE, period, shape }));
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) warm.push((await time(() => buildReport(db, { unitCode: PROVINCE, period, shape })))[0]);
  const commune: number[] = [];
  for (let i = 0; i < 5; i++) commune.push((await time(() => buildReport(db, { unitCode: `${PROVINCE}001`, period, shape })))[0]);
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done();
    },
  });
  const [exportMs] = await time(async () => {
    const report = (await buildReport(db, { unitCode: PROVINCE, period, shape }))!;
    await writeReportXlsx(
      report,
      reportTables(report, t, (id) => id),
      t,
      sink,
    );
  });
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const counts = await sql<{ n: unknown }>`select count(*) as n from learners`.execute(db);
  await db.destroy();
  return {
    dialect,
    size,
    learners: Number(counts.rows[0]!.n),
    firstMs: first,
    warmMs: median(warm),
    communeMs: median(commune),
    exportMs,
    exportBytes: bytes,
    rssBeforeMb: rssBefore / 2 ** 20,
    rssPeakMb: peak / 2 ** 20,
  };
}

async function ensureData(dialect: Dialect, size: number): Promise<number | null> {
  const db = await open(dialect, size);
  try {
    const existing = await db.selectFrom("units").select("code").where("code", "=", PROVINCE).executeTakeFirst();
    if (existing) return null;
    const started = performance.now();
    await generateProvince(db, {
      provinceCode: PROVINCE,
      communes: 100,
      villagesPerCommune: 10,
      learners: size,
      shape: await readCourseShape(path.join(root, "content")),
    });
    // Statistics for the planner, as autovacuum would gather them on a live server.
    await sql`analyze`.execute(db);
    return performance.now() - started;
  } finally {
    await db.destroy();
  }
}

if (process.argv[2] === "measure") {
  console.log(JSON.stringify(await measure(process.argv[3] as Dialect, Number(process.argv[4]))));
  process.exit(0);
}

const sizes = (process.env.BENCH_REPORT_SIZES ?? process.env.BENCH_REPORT_LEARNERS ?? "200000").split(",").map(Number);
const dialects = (process.env.BENCH_REPORT_DIALECTS ?? "sqlite,postgres").split(",") as Dialect[];
const results: Awaited<ReturnType<typeof measure>>[] = [];
for (const dialect of dialects) {
  for (const size of sizes) {
    const generated = await ensureData(dialect, size);
    console.log(
      generated === null
        ? `${dialect}: province of ${size} learners already generated (kept between runs)`
        : `${dialect}: generated a province of ${size} learners in ${(generated / 1000).toFixed(0)} s`,
    );
    const child = spawnSync(
      process.execPath,
      ["--expose-gc", "--import", "tsx", fileURLToPath(import.meta.url), "measure", dialect, String(size)],
      {
        cwd: root,
        encoding: "utf8",
        env: process.env,
      },
    );
    if (child.status !== 0) throw new Error(`measurement failed: ${child.stderr}`);
    results.push(JSON.parse(child.stdout.trim().split("\n").pop()!));
    if (dialect === "postgres" && process.env.BENCH_KEEP !== "1") {
      const db = await open(dialect, size);
      await sql`drop schema ${sql.id(`bench_reports_${size}`)} cascade`.execute(db);
      await db.destroy();
    }
  }
}
const ms = (n: number) => `${Math.round(n)} ms`;
console.log("\nReports (province of 100 communes × 10 villages; this quarter):\n");
console.log("| database   | learners | province, first | province, warm | commune, warm | XLSX export | export RSS (before → peak) |");
console.log("|------------|---------:|----------------:|---------------:|--------------:|------------:|---------------------------:|");
for (const r of results) {
  console.log(
    `| ${r.dialect.padEnd(10)} | ${String(r.learners).padStart(8)} | ${ms(r.firstMs).padStart(15)} | ${ms(r.warmMs).padStart(14)} | ${ms(r.communeMs).padStart(13)} | ${ms(r.exportMs).padStart(11)} | ${`${r.rssBeforeMb.toFixed(0)} → ${r.rssPeakMb.toFixed(0)} MB`.padStart(26)} |`,
  );
}
console.log("\nGoals: province report ≤ 1 s warm on PostgreSQL, ≤ 2 s on SQLite; export ≤ 5 s, memory not growing with learners.");
