import type { Database } from "#db/client";
import type { ItemKind, Progress } from "#db/schema";
import { summariseAttempts } from "./mastery";

type Executor = Pick<Database, "selectFrom" | "insertInto" | "deleteFrom" | "updateTable">;

/** Rebuilds one learner × item summary row from the append-only attempts. */
export async function recomputeProgress(
  db: Executor,
  { learnerId, item }: { learnerId: string; item: { kind: ItemKind; id: string; moduleId: string } },
): Promise<void> {
  const attempts = await db
    .selectFrom("attempts")
    .select(["score", "passed", "created_at"])
    .where("learner_id", "=", learnerId)
    .where("item_kind", "=", item.kind)
    .where("item_id", "=", item.id)
    .execute();
  const summary = summariseAttempts(attempts.map((a) => ({ ...a, score: Number(a.score), passed: Number(a.passed) })));
  if (!summary) {
    await db
      .deleteFrom("progress")
      .where("learner_id", "=", learnerId)
      .where("item_kind", "=", item.kind)
      .where("item_id", "=", item.id)
      .execute();
    return;
  }
  const updated_at = new Date().toISOString();
  await db
    .insertInto("progress")
    .values({ learner_id: learnerId, item_kind: item.kind, item_id: item.id, module_id: item.moduleId, ...summary, updated_at })
    .onConflict((oc) =>
      oc.columns(["learner_id", "item_kind", "item_id"]).doUpdateSet({ ...summary, module_id: item.moduleId, updated_at }),
    )
    .execute();
}

export interface LearnerProgress {
  lessons: Map<string, Progress>;
  practices: Map<string, Progress>;
}

/** Every summary row of a learner, by item id, lessons and practices apart. */
export async function getLearnerProgress(db: Database, { learnerId }: { learnerId: string }): Promise<LearnerProgress> {
  const rows = await db.selectFrom("progress").selectAll().where("learner_id", "=", learnerId).execute();
  const result: LearnerProgress = { lessons: new Map(), practices: new Map() };
  for (const r of rows) {
    const row = { ...r, attempt_count: Number(r.attempt_count), best_score: Number(r.best_score), passed: Number(r.passed) };
    (r.item_kind === "practice" ? result.practices : result.lessons).set(r.item_id, row);
  }
  return result;
}
