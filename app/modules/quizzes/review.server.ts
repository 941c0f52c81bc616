import { getDb } from "~/db.server";
import type { Locale } from "~/i18n/config";
import type { Course } from "~/modules/content/course.server";
import { nextLessonId } from "~/modules/progress/mastery";
import { getAttempt } from "~/modules/progress/attempts.server";
import { getLearnerProgress } from "~/modules/progress/progress.server";
import { gradeQuiz } from "./grade";
import { orderOptions } from "./shuffle";

export interface ReviewedOption {
  id: string;
  text: string;
  chosen: boolean;
  correct: boolean;
  explanation: string;
}

export interface AttemptReview {
  score: number;
  correctCount: number;
  questionCount: number;
  passed: boolean;
  passMark: number;
  createdAt: string;
  questions: { id: string; prompt: string; correct: boolean; options: ReviewedOption[] }[];
  /** The next lesson of the module not yet mastered, or null when the module is done. */
  nextLessonId: string | null;
  /** When the module is done: the next module not yet finished. */
  nextModuleId: string | null;
}

/**
 * The result of one of the learner's own attempts, with every answer marked and explained in the
 * page's language. Null when the attempt is not theirs or not of this lesson.
 */
export async function reviewAttempt(
  course: Course,
  {
    locale,
    learnerId,
    moduleId,
    lessonId,
    attemptId,
  }: { locale: Locale; learnerId: string; moduleId: string; lessonId: string; attemptId: string },
): Promise<AttemptReview | null> {
  const module = course.module(locale, moduleId);
  const lesson = module?.lessons.find((l) => l.id === lessonId);
  if (!module || !lesson) return null;
  const db = await getDb();
  const attempt = await getAttempt(db, { learnerId, attemptId, item: { kind: "lesson", id: lessonId, moduleId } });
  if (!attempt) return null;

  // Re-grade against the current questions so marks and explanations match what is shown.
  const graded = gradeQuiz(lesson.quiz.questions, attempt.answers);
  const progress = await getLearnerProgress(db, { learnerId });
  const ids = module.lessons.map((l) => l.id);
  const next = nextLessonId(ids, progress.lessons, lessonId);
  const nextModule = next
    ? null
    : (course
        .modules(locale)
        .filter((m) => m.id !== moduleId)
        .find((m) => m.lessons.some((l) => !progress.lessons.get(l.id)?.passed))?.id ?? null);

  return {
    score: attempt.score,
    correctCount: attempt.correct_count,
    questionCount: attempt.total_count,
    passed: attempt.passed === 1,
    passMark: module.passMark,
    createdAt: attempt.created_at,
    // In the order the learner saw the options (file order for attempts from before shuffling).
    questions: orderOptions(lesson.quiz.questions, attempt.shuffle_seed ?? null).map((q, i) => {
      const result = graded.questions[i]!;
      return {
        id: q.id,
        prompt: q.prompt,
        correct: result.correct,
        options: q.options.map((o) => ({
          id: o.id,
          text: o.text,
          chosen: result.selected.includes(o.id),
          correct: o.correct,
          explanation: o.explanation,
        })),
      };
    }),
    nextLessonId: next,
    nextModuleId: nextModule,
  };
}
