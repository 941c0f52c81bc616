import { createHash } from "node:crypto";
import { sql } from "kysely";
import { rawConnectionOf, type Database } from "#db/client";
import { learnerMilestone, moduleCompletedAt, shapeKey, type CourseShape, type ModuleMilestone } from "./milestones";

type Executor = Pick<Database, "selectFrom" | "insertInto" | "deleteFrom" | "updateTable">;

const STATE_NAME = "milestones-course-shape";

/**
 * Recomputes a learner's report milestones for some modules (the one just attempted) from their
 * attempts and progress rows, then the learner's own row. Called inside the transaction that
 * records the attempt, so the report's figures can never disagree with the progress they count.
 */
export async function refreshMilestones(
  db: Executor,
  { learnerId, moduleIds, shape, now = new Date() }: { learnerId: string; moduleIds: readonly string[]; shape: CourseShape; now?: Date },
): Promise<void> {
  const updated_at = now.toISOString();
  for (const moduleId of new Set(moduleIds)) {
    const first = await db
      .selectFrom("attempts")
      .select((eb) => eb.fn.min("created_at").as("first"))
      .where("learner_id", "=", learnerId)
      .where("module_id", "=", moduleId)
      .executeTakeFirst();
    if (!first?.first) {
      await db.deleteFrom("module_progress").where("learner_id", "=", learnerId).where("module_id", "=", moduleId).execute();
      continue;
    }
    const rows = await db
      .selectFrom("progress")
      .select(["item_kind", "item_id", "passed", "passed_at"])
      .where("learner_id", "=", learnerId)
      .where("module_id", "=", moduleId)
      .execute();
    const mod = shape.modules.find((m) => m.id === moduleId);
    const passed = new Map(rows.filter((r) => Number(r.passed) === 1).map((r) => [`${r.item_kind}:${r.item_id}`, r.passed_at]));
    const completed_at = mod ? moduleCompletedAt(mod, (kind, id) => passed.get(`${kind}:${id}`)) : null;
    const values = { started_at: String(first.first), completed_at, updated_at };
    await db
      .insertInto("module_progress")
      .values({ learner_id: learnerId, module_id: moduleId, ...values })
      .onConflict((oc) => oc.columns(["learner_id", "module_id"]).doUpdateSet(values))
      .execute();
  }
  const modules = await db
    .selectFrom("module_progress")
    .select(["module_id", "started_at", "completed_at"])
    .where("learner_id", "=", learnerId)
    .execute();
  if (!modules.length) {
    await db.deleteFrom("learner_milestones").where("learner_id", "=", learnerId).execute();
    return;
  }
  const values = { ...learnerMilestone(modules, shape.coreModuleIds), updated_at };
  await db
    .insertInto("learner_milestones")
    .values({ learner_id: learnerId, ...values })
    .onConflict((oc) => oc.column("learner_id").doUpdateSet(values))
    .execute();
}

/** Milestone rows for a batch of learners, from their attempts and progress (the rebuild and the generator share this). */
export function milestonesFromRows(
  shape: CourseShape,
  firsts: readonly { learner_id: string; module_id: string; first: string }[],
  progress: readonly {
    learner_id: string;
    item_kind: string;
    item_id: string;
    module_id: string;
    passed: number;
    passed_at: string | null;
  }[],
): { modules: (ModuleMilestone & { learner_id: string })[]; learners: Map<string, ReturnType<typeof learnerMilestone>> } {
  const passed = new Map<string, string>();
  for (const p of progress)
    if (Number(p.passed) === 1 && p.passed_at) passed.set(`${p.learner_id}:${p.item_kind}:${p.item_id}`, p.passed_at);
  const modules = firsts.map((f) => {
    const mod = shape.modules.find((m) => m.id === f.module_id);
    const completed_at = mod ? moduleCompletedAt(mod, (kind, id) => passed.get(`${f.learner_id}:${kind}:${id}`)) : null;
    return { learner_id: f.learner_id, module_id: f.module_id, started_at: f.first, completed_at };
  });
  const byLearner = new Map<string, ModuleMilestone[]>();
  for (const m of modules) {
    const list = byLearner.get(m.learner_id) ?? [];
    list.push(m);
    byLearner.set(m.learner_id, list);
  }
  const learners = new Map([...byLearner].map(([id, list]) => [id, learnerMilestone(list, shape.coreModuleIds)]));
  return { modules, learners };
}

const BATCH = 500;

/**
 * Rebuilds every learner's milestones (after the course's shape changed), in one transaction.
 * With `ifStale`, nothing is done when another request (or server) rebuilt them for this shape
 * first: on PostgreSQL the tables are locked for the rebuild, so two reports opened at once after
 * a course change, or an answer recorded meanwhile, wait for it instead of colliding; SQLite has
 * one writer at a time already.
 */
export async function rebuildMilestones(db: Database, shape: CourseShape, now = new Date(), { ifStale = false } = {}): Promise<number> {
  const updated_at = now.toISOString();
  const postgres = rawConnectionOf(db).dialect === "postgres";
  return db.transaction().execute(async (trx) => {
    if (postgres) await sql`lock table module_progress, learner_milestones in exclusive mode`.execute(trx);
    if (ifStale && (await shapeStateOf(trx)) === shapeHash(shape)) return 0;
    // Withdrawn learners (deleted accounts) keep the figures they were reported with: they have no
    // attempts left to rebuild from (app/modules/reports/withdrawn.server.ts).
    const withdrawn = trx.selectFrom("learners").select("id").where("kind", "=", "withdrawn");
    await trx.deleteFrom("module_progress").where("learner_id", "not in", withdrawn).execute();
    await trx.deleteFrom("learner_milestones").where("learner_id", "not in", withdrawn).execute();
    const ids = (await trx.selectFrom("progress").select("learner_id").distinct().orderBy("learner_id").execute()).map((r) => r.learner_id);
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH);
      const firsts = await trx
        .selectFrom("attempts")
        .select(["learner_id", "module_id", (eb) => eb.fn.min<string>("created_at").as("first")])
        .where("learner_id", "in", batch)
        .groupBy(["learner_id", "module_id"])
        .execute();
      const progress = await trx
        .selectFrom("progress")
        .select(["learner_id", "item_kind", "item_id", "module_id", "passed", "passed_at"])
        .where("learner_id", "in", batch)
        .execute();
      const { modules, learners } = milestonesFromRows(shape, firsts, progress);
      for (let j = 0; j < modules.length; j += BATCH) {
        await trx
          .insertInto("module_progress")
          .values(modules.slice(j, j + BATCH).map((m) => ({ ...m, updated_at })))
          .execute();
      }
      if (learners.size)
        await trx
          .insertInto("learner_milestones")
          .values([...learners].map(([learner_id, m]) => ({ learner_id, ...m, updated_at })))
          .execute();
    }
    await writeShapeState(trx, shape, now);
    return ids.length;
  });
}

export function shapeHash(shape: CourseShape): string {
  return createHash("sha256").update(shapeKey(shape)).digest("hex").slice(0, 32);
}

/** Records the shape the milestones are computed for (the generator and the rebuild). */
export async function writeShapeState(db: Executor, shape: CourseShape, now = new Date()): Promise<void> {
  const values = { value: shapeHash(shape), updated_at: now.toISOString() };
  await db
    .insertInto("derived_state")
    .values({ name: STATE_NAME, ...values })
    .onConflict((oc) => oc.column("name").doUpdateSet(values))
    .execute();
}

/**
 * Makes sure the milestones match the course as it is now: a database from before migration 0009,
 * or a course whose modules gained or lost a lesson, is rebuilt once (seconds for 200,000 learners).
 */
export async function ensureMilestonesCurrent(db: Database, shape: CourseShape): Promise<boolean> {
  if ((await shapeStateOf(db)) === shapeHash(shape)) return false;
  await rebuildMilestones(db, shape, new Date(), { ifStale: true });
  return true;
}

async function shapeStateOf(db: Executor): Promise<string | undefined> {
  return (await db.selectFrom("derived_state").select("value").where("name", "=", STATE_NAME).executeTakeFirst())?.value;
}
