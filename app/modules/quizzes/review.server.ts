import { getDb } from "~/db.server";
import type { Locale } from "~/i18n/config";
import type { Course } from "~/modules/content/course.server";
import { nextLessonId } from "~/modules/progress/mastery";
import { getAttempt, type StoredAttempt } from "~/modules/progress/attempts.server";
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

type Lesson = NonNullable<ReturnType<Course["module"]>>["lessons"][number];

/** An attempt's answers marked against the lesson's current questions, in the order the learner saw the options. */
function markAnswers(lesson: Lesson, attempt: StoredAttempt, passMark: number): Omit<AttemptReview, "nextLessonId" | "nextModuleId"> {
  // Re-grade against the current questions so marks and explanations match what is shown.
  const graded = gradeQuiz(lesson.quiz.questions, attempt.answers);
  return {
    score: attempt.score,
    correctCount: attempt.correct_count,
    questionCount: attempt.total_count,
    passed: attempt.passed === 1,
    passMark,
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
  };
}

/**
 * A learner's quiz attempt as their class's teacher sees it: which questions were missed, what was
 * chosen and what was right (issue 11). The caller has checked that the learner is in the
 * teacher's class; null when the attempt is not this learner's, not a quiz, or of a lesson gone.
 */
export async function reviewAttemptForTeacher(
  course: Course,
  { locale, learnerId, attemptId }: { locale: Locale; learnerId: string; attemptId: string },
) {
  const db = await getDb();
  const ref = await db
    .selectFrom("attempts")
    .select(["module_id", "item_id"])
    .where("id", "=", attemptId)
    .where("learner_id", "=", learnerId)
    .where("item_kind", "=", "lesson")
    .executeTakeFirst();
  const module = ref ? course.module(locale, ref.module_id) : undefined;
  const lesson = module?.lessons.find((l) => l.id === ref?.item_id);
  if (!ref || !module || !lesson) return null;
  const attempt = await getAttempt(db, { learnerId, attemptId, item: { kind: "lesson", id: lesson.id, moduleId: module.id } });
  if (!attempt) return null;
  return {
    module: { id: module.id, title: module.title },
    lesson: { id: lesson.id, title: lesson.title },
    ...markAnswers(lesson, attempt, module.passMark),
  };
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
    ...markAnswers(lesson, attempt, module.passMark),
    nextLessonId: next,
    nextModuleId: nextModule,
  };
}
