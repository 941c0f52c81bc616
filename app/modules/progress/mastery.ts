/** Pure progress rules: when a lesson is mastered and how a module is summarised. */

export const DEFAULT_PASS_MARK = 0.8;

/** Mastered when the share of right answers reaches the pass mark (e.g. 4 of 5 at 0.8). */
export function isPassing(correctCount: number, questionCount: number, passMark: number): boolean {
  if (questionCount <= 0) return false;
  return correctCount / questionCount >= passMark - 1e-9;
}

export type LessonState = "not-started" | "in-progress" | "mastered";

export interface LessonSummary {
  attempt_count: number;
  best_score: number;
  mastered: number;
  mastered_at: string | null;
  last_attempt_at: string;
}

/** Summarises a learner's attempts at one lesson; attempts in any order. */
export function summariseAttempts(
  attempts: { score: number; passed: number; created_at: string }[],
): LessonSummary | null {
  if (!attempts.length) return null;
  const sorted = [...attempts].sort((a, b) => a.created_at.localeCompare(b.created_at));
  const firstPass = sorted.find((a) => a.passed === 1);
  return {
    attempt_count: sorted.length,
    best_score: Math.max(...sorted.map((a) => a.score)),
    mastered: firstPass ? 1 : 0,
    mastered_at: firstPass?.created_at ?? null,
    last_attempt_at: sorted[sorted.length - 1]!.created_at,
  };
}

export function lessonState(progress: { mastered: number } | undefined): LessonState {
  if (!progress) return "not-started";
  return progress.mastered ? "mastered" : "in-progress";
}

export interface ModuleSummary {
  total: number;
  mastered: number;
  started: number;
  /** Whole percent of lessons mastered. */
  percent: number;
  state: LessonState;
}

export function summariseModule(
  lessonIds: string[],
  progress: ReadonlyMap<string, { mastered: number }>,
): ModuleSummary {
  const states = lessonIds.map((id) => lessonState(progress.get(id)));
  const mastered = states.filter((s) => s === "mastered").length;
  const started = states.filter((s) => s !== "not-started").length;
  const total = lessonIds.length;
  return {
    total,
    mastered,
    started,
    percent: total ? Math.floor((100 * mastered) / total) : 0,
    state: total > 0 && mastered === total ? "mastered" : started > 0 ? "in-progress" : "not-started",
  };
}

/** The first lesson not yet mastered, after `currentId` if given, else from the start. */
export function nextLessonId(
  lessonIds: string[],
  progress: ReadonlyMap<string, { mastered: number }>,
  currentId?: string,
): string | null {
  const start = currentId ? lessonIds.indexOf(currentId) + 1 : 0;
  const after = lessonIds.slice(start).find((id) => !progress.get(id)?.mastered);
  if (after) return after;
  return lessonIds.find((id) => id !== currentId && !progress.get(id)?.mastered) ?? null;
}
