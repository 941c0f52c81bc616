/**
 * npm run demo:province -- [--learners 200000] [--communes 100] [--villages 10] [--code 90] [--seed 9]
 *
 * Builds a fictional province ("Tỉnh Thử Nghiệm", codes 90…) with learners, progress, programme
 * certificates, classes, sessions, mentors, families and denominators into the configured database
 * (DATABASE_URL or SQLITE_PATH), for demos and for `npm run bench`. Grant yourself a view of it with
 * `npm run admin -- grant-official <login> 90`. Bulk inserts, one transaction per 5,000 learners.
 */
import { migrateToLatest, openDatabase } from "#db/client";
import { getEnv } from "~/env.server";
import { readCourseShape } from "~/modules/progress/shape.server";
import { generateProvince } from "~/modules/reports/demo-data.server";

function option(name: string, fallback: number): number;
function option(name: string, fallback: string): string;
function option(name: string, fallback: number | string): number | string {
  const at = process.argv.indexOf(`--${name}`);
  const raw = at >= 0 ? process.argv[at + 1] : undefined;
  if (raw === undefined) return fallback;
  if (typeof fallback === "number") {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0) {
      console.error(`--${name} needs a whole number, not "${raw}"`);
      process.exit(2);
    }
    return value;
  }
  return raw;
}

const env = getEnv();
const { db } = await openDatabase({ url: env.DATABASE_URL, sqlitePath: env.SQLITE_PATH, pgSchema: process.env.PG_SCHEMA });
await migrateToLatest(db);
const code = option("code", "90");
if (await db.selectFrom("units").select("code").where("code", "=", code).executeTakeFirst()) {
  console.error(`Unit ${code} already exists in this database: choose another --code.`);
  process.exit(1);
}
const learners = option("learners", 200_000);
const started = Date.now();
const result = await generateProvince(db, {
  provinceCode: code,
  communes: option("communes", 100),
  villagesPerCommune: option("villages", 10),
  learners,
  seed: option("seed", 9),
  shape: await readCourseShape(env.CONTENT_DIR),
  onProgress: (done) => {
    if (done % 20_000 === 0 || done === learners || process.env.GEN_VERBOSE)
      process.stdout.write(`  ${done} learners… ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  },
});
console.log(
  `Province ${result.provinceCode}: ${result.learners} learners, ${result.attempts} attempts, ${result.progressRows} progress rows, ` +
    `${result.certificates} programme certificates, ${result.sessions} class sessions in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
);
await db.destroy();
