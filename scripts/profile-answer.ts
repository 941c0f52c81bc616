/**
 * One answer's cost without HTTP: `npx tsx scripts/profile-answer.ts` calls the lesson route's
 * action directly (the code a posted quiz runs: form, grading, session lookup, the attempt and its
 * summaries) for LEARNERS guests (default 200) × ANSWERS answers each (default 20), as the load
 * bench posts them, and prints the CPU time per answer and the database statements one answer runs,
 * by kind. KEYED=1 posts an attempt key with each answer, as the page does with JavaScript on. DIALECT=postgres uses TEST_DATABASE_URL in a schema of its own (dropped after).
 * `node --cpu-prof --import tsx scripts/profile-answer.ts` gives a profile with readable names.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { postgresCpuMs } from "./postgres-cpu.mjs";

// Piped into `head`: the rest of the output is dropped, the schema still dropped at the end.
process.stdout.on("error", () => {});
const dialect = process.env.DIALECT ?? "sqlite";
const learners = Number(process.env.LEARNERS ?? 200);
const answers = Number(process.env.ANSWERS ?? 20);
const pgUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const schema = `profile_${process.pid}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "profile-answer-"));
process.env.NODE_ENV = "production";
process.env.DATA_DIR = dataDir;
process.env.LOG_LEVEL = "warn";
if (dialect === "postgres") {
  process.env.DATABASE_URL = pgUrl;
  process.env.DATABASE_SCHEMA = schema;
  process.env.SESSION_SECRET = randomBytes(32).toString("base64url");
} else process.env.SQLITE_PATH = path.join(dataDir, "a.sqlite");

/** Statements sent to the database, by their first words (counted while `counting`), and their time (SQLite: running them). */
const statements = new Map<string, number>();
const spent = new Map<string, number>();
let counting = false;
const count = (text: string, ms = 0) => {
  if (!counting) return;
  const kind = text.trim().split(/\s+/).slice(0, 4).join(" ").toLowerCase().replace(/"/g, "");
  statements.set(kind, (statements.get(kind) ?? 0) + 1);
  spent.set(kind, (spent.get(kind) ?? 0) + ms);
};
if (dialect === "postgres") {
  const { default: pg } = await import("pg");
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0];
    count(typeof first === "string" ? first : String((first as { text?: string })?.text ?? ""));
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
} else {
  // Counted where they run (compiled statements are kept and reused: db/client.ts).
  const { default: SQLite } = await import("better-sqlite3");
  const probe = new SQLite(":memory:");
  const proto = Object.getPrototypeOf(probe.prepare("select 1")) as Record<string, (...a: unknown[]) => unknown>;
  probe.close();
  for (const method of ["all", "run", "get", "iterate"]) {
    const original = proto[method]!;
    proto[method] = function (this: { source: string }, ...args: unknown[]) {
      if (!counting) return original.apply(this, args);
      const started = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        count(this.source, performance.now() - started);
      }
    };
  }
}

const { action } = await import("~/routes/learn/lesson");
const { getCourse } = await import("~/modules/content/course-instance.server");
const { closeDb, getDb } = await import("~/db.server");
const { sql } = await import("kysely");

const moduleId = process.env.MODULE ?? "scam-avoidance";
const lessonId = process.env.LESSON ?? "fake-police-calls";
const url = `http://127.0.0.1/vi/modules/${moduleId}/${lessonId}`;
const lesson = (await getCourse()).module("vi", moduleId)?.lessons.find((l) => l.id === lessonId);
if (!lesson) throw new Error(`no lesson ${moduleId}/${lessonId}`);
// As the load bench posts it: each question's first option, and the submit button.
const form = new URLSearchParams();
for (const q of lesson.quiz.questions) form.append(`answer.${q.id}`, q.options[0]!.id);
form.append("intent", "submit");
const body = form.toString();

const keyed = process.env.KEYED === "1";
async function answer(cookie?: string): Promise<Response> {
  const request = new Request(url, {
    method: "POST",
    body: keyed ? `${body}&attemptKey=${randomBytes(16).toString("hex")}` : body,
    headers: { "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}) },
  });
  try {
    return (await action({ request, params: { lang: "vi", moduleId, lessonId }, context: {} })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const cookies: string[] = [];
for (let i = 0; i < learners; i++) {
  const response = await answer();
  cookies.push(String(response.headers.get("set-cookie")).split(";")[0] ?? "");
}
// Warm up (JIT), then measure: every learner answers in turn, ANSWERS rounds.
for (const cookie of cookies.slice(0, 50)) await answer(cookie);
counting = true;
const cpu = process.cpuUsage();
const pgBefore = dialect === "postgres" ? postgresCpuMs() : 0;
const started = performance.now();
let n = 0;
for (let round = 0; round < answers; round++)
  for (const cookie of cookies) {
    const response = await answer(cookie);
    if (response.status !== 302) throw new Error(`answer refused: ${response.status}`);
    n++;
  }
const wall = performance.now() - started;
const used = process.cpuUsage(cpu);
const pgUsed = dialect === "postgres" ? postgresCpuMs() - pgBefore : 0;
counting = false;
const total = [...statements.values()].reduce((a, b) => a + b, 0);
console.log(
  `${dialect}: ${n} answers by ${learners} learners (${answers} each, after ${50 + learners} more): ` +
    `${((used.user + used.system) / 1000 / n).toFixed(3)} ms CPU per answer in this process, ${(wall / n).toFixed(3)} ms wall`,
);
if (dialect === "postgres")
  console.log(`PostgreSQL's processes: ${(pgUsed / n).toFixed(3)} ms CPU per answer (every process named postgres)`);
console.log(`statements per answer: ${(total / n).toFixed(1)}`);
for (const [kind, c] of [...statements].sort((a, b) => b[1] - a[1]))
  console.log(
    `  ${(c / n).toFixed(2).padStart(6)}  ${kind}${dialect === "sqlite" ? `  (${((spent.get(kind) ?? 0) / n).toFixed(3)} ms)` : ""}`,
  );

if (dialect === "postgres") await sql`drop schema ${sql.id(schema)} cascade`.execute(await getDb());
await closeDb();
fs.rmSync(dataDir, { recursive: true, force: true });
