import { randomUUID } from "node:crypto";
import type { Database } from "#db/client";
import type { QuizAttempt } from "#db/schema";
import { isPassing } from "~/modules/progress/mastery";
import { recomputeLessonProgress } from "~/modules/progress/progress.server";
import type { Answers, QuizResult } from "./grade";

/**
 * Stores a graded attempt and refreshes the lesson summary in one transaction:
 * either both are written or neither is.
 */
export async function recordAttempt(
  db: Database,
  input: {
    learnerId: string;
    moduleId: string;
    lessonId: string;
    locale: string;
    answers: Answers;
    result: QuizResult;
    passMark: number;
    now?: Date;
  },
): Promise<{ id: string; passed: boolean }> {
  const id = randomUUID();
  const passed = isPassing(input.result.correctCount, input.result.questionCount, input.passMark);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("quiz_attempts")
      .values({
        id,
        learner_id: input.learnerId,
        module_id: input.moduleId,
        lesson_id: input.lessonId,
        locale: input.locale,
        answers: JSON.stringify(input.answers),
        correct_count: input.result.correctCount,
        question_count: input.result.questionCount,
        score: input.result.score,
        passed: passed ? 1 : 0,
        created_at: (input.now ?? new Date()).toISOString(),
      })
      .execute();
    await recomputeLessonProgress(trx, input);
  });
  return { id, passed };
}

export type StoredAttempt = Omit<QuizAttempt, "answers"> & { answers: Answers };

/** One attempt, only if it belongs to this learner. */
export async function getAttempt(
  db: Database,
  { learnerId, attemptId }: { learnerId: string; attemptId: string },
): Promise<StoredAttempt | null> {
  const row = await db
    .selectFrom("quiz_attempts")
    .selectAll()
    .where("id", "=", attemptId)
    .where("learner_id", "=", learnerId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    ...row,
    correct_count: Number(row.correct_count),
    question_count: Number(row.question_count),
    score: Number(row.score),
    passed: Number(row.passed),
    answers: JSON.parse(row.answers) as Answers,
  };
}

/** A learner's attempts at one lesson, newest first. */
export async function listAttempts(
  db: Database,
  { learnerId, lessonId, limit = 20 }: { learnerId: string; lessonId: string; limit?: number },
): Promise<Pick<QuizAttempt, "id" | "score" | "passed" | "created_at">[]> {
  const rows = await db
    .selectFrom("quiz_attempts")
    .select(["id", "score", "passed", "created_at"])
    .where("learner_id", "=", learnerId)
    .where("lesson_id", "=", lessonId)
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, score: Number(r.score), passed: Number(r.passed) }));
}
