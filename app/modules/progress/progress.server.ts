import type { Database } from "#db/client";
import type { LessonProgress } from "#db/schema";
import { summariseAttempts } from "./mastery";

type Executor = Pick<Database, "selectFrom" | "insertInto" | "deleteFrom" | "updateTable">;

/** Rebuilds one learner × lesson summary row from the append-only attempts. */
export async function recomputeLessonProgress(
  db: Executor,
  { learnerId, moduleId, lessonId }: { learnerId: string; moduleId: string; lessonId: string },
): Promise<void> {
  const attempts = await db
    .selectFrom("quiz_attempts")
    .select(["score", "passed", "created_at"])
    .where("learner_id", "=", learnerId)
    .where("lesson_id", "=", lessonId)
    .execute();
  const summary = summariseAttempts(attempts.map((a) => ({ ...a, score: Number(a.score), passed: Number(a.passed) })));
  if (!summary) {
    await db.deleteFrom("lesson_progress").where("learner_id", "=", learnerId).where("lesson_id", "=", lessonId).execute();
    return;
  }
  const updated_at = new Date().toISOString();
  await db
    .insertInto("lesson_progress")
    .values({ learner_id: learnerId, lesson_id: lessonId, module_id: moduleId, ...summary, updated_at })
    .onConflict((oc) => oc.columns(["learner_id", "lesson_id"]).doUpdateSet({ ...summary, module_id: moduleId, updated_at }))
    .execute();
}

/** Every lesson summary of a learner, keyed by lesson id. */
export async function getProgressByLesson(
  db: Database,
  { learnerId }: { learnerId: string },
): Promise<Map<string, LessonProgress>> {
  const rows = await db.selectFrom("lesson_progress").selectAll().where("learner_id", "=", learnerId).execute();
  return new Map(
    rows.map((r) => [
      r.lesson_id,
      { ...r, attempt_count: Number(r.attempt_count), best_score: Number(r.best_score), mastered: Number(r.mastered) },
    ]),
  );
}
