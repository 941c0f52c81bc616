/** Pure progress rules: when a lesson is mastered and how a module is summarised. */

export const DEFAULT_PASS_MARK = 0.8;

/**
 * How many right answers a quiz (or practice) of `questionCount` needs: the whole number nearest to
 * the pass mark's share, at least 1 and at most all. At 0.8: 3 of 4, 4 of 5, 5 of 6, 8 of 10. A pass
 * mark rounded up would have asked 4 of 4 (100%) of the course's 4-question quizzes (issue 11; the
 * README's decision 32 says why one slip is allowed).
 */
export function requiredCorrect(questionCount: number, passMark: number): number {
  if (questionCount <= 0) return 0;
  return Math.min(questionCount, Math.max(1, Math.round(passMark * questionCount + 1e-9)));
}

/** Mastered when the right answers reach the required count (3 of 4, 4 of 5 at 0.8). */
export function isPassing(correctCount: number, questionCount: number, passMark: number): boolean {
  if (questionCount <= 0) return false;
  return correctCount >= requiredCorrect(questionCount, passMark);
}

export type LessonState = "not-started" | "in-progress" | "mastered";

export interface AttemptSummary {
  attempt_count: number;
  best_score: number;
  passed: number;
  passed_at: string | null;
  last_attempt_at: string;
}

/** Summarises a learner's attempts at one lesson or practice; attempts in any order. */
export function summariseAttempts(attempts: { score: number; passed: number; created_at: string }[]): AttemptSummary | null {
  if (!attempts.length) return null;
  const sorted = [...attempts].sort((a, b) => a.created_at.localeCompare(b.created_at));
  const firstPass = sorted.find((a) => a.passed === 1);
  return {
    attempt_count: sorted.length,
    best_score: Math.max(...sorted.map((a) => a.score)),
    passed: firstPass ? 1 : 0,
    passed_at: firstPass?.created_at ?? null,
    last_attempt_at: sorted[sorted.length - 1]!.created_at,
  };
}

/**
 * The summary after one more attempt: the same as summarising every attempt again, in any order
 * (the attempt may be older than the latest one). The database applies this rule itself when it
 * records an attempt (progress.server.ts, addAttemptToProgress), against the row as it is then.
 */
export function addAttempt(summary: AttemptSummary | null, attempt: { score: number; passed: number; created_at: string }): AttemptSummary {
  const passedAt = attempt.passed === 1 ? attempt.created_at : null;
  if (!summary)
    return {
      attempt_count: 1,
      best_score: attempt.score,
      passed: attempt.passed === 1 ? 1 : 0,
      passed_at: passedAt,
      last_attempt_at: attempt.created_at,
    };
  return {
    attempt_count: summary.attempt_count + 1,
    best_score: attempt.score > summary.best_score ? attempt.score : summary.best_score,
    passed: attempt.passed === 1 ? 1 : summary.passed,
    passed_at: passedAt !== null && (summary.passed_at === null || passedAt < summary.passed_at) ? passedAt : summary.passed_at,
    last_attempt_at: attempt.created_at > summary.last_attempt_at ? attempt.created_at : summary.last_attempt_at,
  };
}

export function lessonState(progress: { passed: number } | undefined): LessonState {
  if (!progress) return "not-started";
  return progress.passed ? "mastered" : "in-progress";
}

type Passed = ReadonlyMap<string, { passed: number }>;

export interface ModuleSummary {
  /** Lessons in the module, and how many are mastered. */
  total: number;
  mastered: number;
  /** Practice simulations in the module, and how many are completed. */
  practiceTotal: number;
  practiceDone: number;
  /** Lessons or practices attempted at least once. */
  started: number;
  /** Whole percent of lessons and practices done. */
  percent: number;
  state: LessonState;
}

/** A module is done when every lesson is mastered and every practice completed. */
export function summariseModule(
  items: { lessonIds: string[]; practiceIds: string[] },
  progress: { lessons: Passed; practices: Passed },
): ModuleSummary {
  const lessonStates = items.lessonIds.map((id) => lessonState(progress.lessons.get(id)));
  const practiceStates = items.practiceIds.map((id) => lessonState(progress.practices.get(id)));
  const mastered = lessonStates.filter((s) => s === "mastered").length;
  const practiceDone = practiceStates.filter((s) => s === "mastered").length;
  const started = [...lessonStates, ...practiceStates].filter((s) => s !== "not-started").length;
  const all = items.lessonIds.length + items.practiceIds.length;
  const done = mastered + practiceDone;
  return {
    total: items.lessonIds.length,
    mastered,
    practiceTotal: items.practiceIds.length,
    practiceDone,
    started,
    percent: all ? Math.floor((100 * done) / all) : 0,
    state: all > 0 && done === all ? "mastered" : started > 0 ? "in-progress" : "not-started",
  };
}

/** The first lesson not yet mastered, after `currentId` if given, else from the start. */
export function nextLessonId(lessonIds: string[], progress: Passed, currentId?: string): string | null {
  const start = currentId ? lessonIds.indexOf(currentId) + 1 : 0;
  const after = lessonIds.slice(start).find((id) => !progress.get(id)?.passed);
  if (after) return after;
  return lessonIds.find((id) => id !== currentId && !progress.get(id)?.passed) ?? null;
}
