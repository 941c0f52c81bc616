import { getDb } from "~/db.server";
import type { Locale } from "~/i18n/config";
import { getOrCreateLearner } from "~/modules/accounts/session.server";
import type { Lesson } from "~/modules/content/course.server";
import { readAttemptKey } from "~/modules/access/attempt-key";
import { AttemptKeyConflict, recordAttempt } from "~/modules/progress/attempts.server";
import { gradeQuiz, parseSubmission, type Answers, type SubmissionError } from "./grade";
import { readFormData } from "~/modules/http/forms";
import { readSeed } from "./shuffle";

export type QuizSubmission =
  | { ok: true; attemptId: string; setCookie: string | null }
  /** `seed`: the order the options were shown in, to show the form again the same way. */
  | { ok: false; error: SubmissionError; missing: string[]; answers: Answers; seed: number | null };

/**
 * Reads a posted quiz, grades it on the server and records the attempt. An invalid post records
 * nothing and creates no guest profile: the learner gets their choices back with a message.
 */
export async function submitQuiz(
  request: Request,
  { locale, lesson, passMark }: { locale: Locale; lesson: Lesson; passMark: number },
): Promise<QuizSubmission> {
  const form = await readFormData(request);
  // The order the options were shown in (none from a page rendered before shuffling existed).
  const posted = readSeed(form.entries());
  const seed = posted === "invalid" ? null : posted;
  const submission = parseSubmission(lesson.quiz.questions, form.entries());
  if (!submission.ok) return { ...submission, seed };
  if (posted === "invalid") return { ok: false, error: "tampered", missing: [], answers: submission.answers, seed };
  const attemptKey = readAttemptKey(form.entries());
  if (attemptKey === "invalid") return { ok: false, error: "tampered", missing: [], answers: submission.answers, seed };

  const result = gradeQuiz(lesson.quiz.questions, submission.answers);
  const { learner, setCookie } = await getOrCreateLearner(request);
  try {
    const { id } = await recordAttempt(await getDb(), {
      learnerId: learner.id,
      item: { kind: "lesson", id: lesson.id, moduleId: lesson.moduleId },
      locale,
      answers: submission.answers,
      graded: { correctCount: result.correctCount, totalCount: result.questionCount, score: result.score },
      passMark,
      idempotencyKey: attemptKey,
      shuffleSeed: seed,
    });
    return { ok: true, attemptId: id, setCookie };
  } catch (error) {
    if (error instanceof AttemptKeyConflict) return { ok: false, error: "tampered", missing: [], answers: submission.answers, seed };
    throw error;
  }
}
