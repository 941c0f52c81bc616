import { sql } from "kysely";
import type { Database } from "#db/client";
import type { ItemKind, Progress } from "#db/schema";
import { summariseAttempts, type AttemptSummary } from "./mastery";

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

/**
 * Adds an attempt just stored to its learner × item summary row, in one statement: the rule of
 * `addAttempt` (mastery.ts), applied by the database to the row as it is when written, so that
 * two attempts of one learner at the same moment both count on PostgreSQL too (reading the row
 * first, or every attempt as `recomputeProgress` does, could lose one there). Returns the row as
 * it now is. The attempt's own row must be in `attempts` already, in the same transaction.
 */
export async function addAttemptToProgress(
  db: Executor,
  {
    learnerId,
    item,
    attempt,
    now = new Date(),
  }: {
    learnerId: string;
    item: { kind: ItemKind; id: string; moduleId: string };
    attempt: { score: number; passed: boolean; created_at: string };
    now?: Date;
  },
): Promise<AttemptSummary> {
  const row = await db
    .insertInto("progress")
    .values({
      learner_id: learnerId,
      item_kind: item.kind,
      item_id: item.id,
      module_id: item.moduleId,
      attempt_count: 1,
      best_score: attempt.score,
      passed: attempt.passed ? 1 : 0,
      passed_at: attempt.passed ? attempt.created_at : null,
      last_attempt_at: attempt.created_at,
      updated_at: now.toISOString(),
    })
    .onConflict((oc) =>
      oc.columns(["learner_id", "item_kind", "item_id"]).doUpdateSet({
        module_id: (eb) => eb.ref("excluded.module_id"),
        attempt_count: sql<number>`progress.attempt_count + 1`,
        best_score: sql<number>`case when excluded.best_score > progress.best_score then excluded.best_score else progress.best_score end`,
        passed: sql<number>`case when excluded.passed = 1 then 1 else progress.passed end`,
        passed_at: sql<
          string | null
        >`case when excluded.passed_at is not null and (progress.passed_at is null or excluded.passed_at < progress.passed_at) then excluded.passed_at else progress.passed_at end`,
        last_attempt_at: sql<string>`case when excluded.last_attempt_at > progress.last_attempt_at then excluded.last_attempt_at else progress.last_attempt_at end`,
        updated_at: (eb) => eb.ref("excluded.updated_at"),
      }),
    )
    .returning(["attempt_count", "best_score", "passed", "passed_at", "last_attempt_at"])
    .executeTakeFirstOrThrow();
  return {
    attempt_count: Number(row.attempt_count),
    best_score: Number(row.best_score),
    passed: Number(row.passed),
    passed_at: row.passed_at,
    last_attempt_at: row.last_attempt_at,
  };
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
