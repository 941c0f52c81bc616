/**
 * How guessable the course's single-choice questions are from the files alone: the share where the
 * correct option is the longest (ties included) and where it is listed first. Always picking the
 * longest option must not pay; `content:check` prints both figures and warns above the limit.
 * Options are shown shuffled per attempt, but the files should not lean on that.
 */
import type { Quiz } from "./schema";

export const BALANCE_WARNING_SHARE = 0.4;

export interface QuizBalance {
  /** Single-choice questions counted. */
  questions: number;
  correctLongest: number;
  correctFirst: number;
  /** Shares, 0–1. */
  longestShare: number;
  firstShare: number;
  /** "module/lesson#question" of the questions whose correct option is the longest. */
  longest: string[];
}

const length = (text: string) => [...text.normalize("NFC").trim()].length;

export function quizBalance(lessons: { moduleId: string; id: string; quiz: Quiz }[]): QuizBalance {
  let questions = 0;
  let correctFirst = 0;
  const longest: string[] = [];
  for (const lesson of lessons) {
    for (const q of lesson.quiz.questions) {
      if (q.kind !== "single") continue;
      questions++;
      const correct = q.options.find((o) => o.correct);
      if (!correct) continue;
      if (q.options[0] === correct) correctFirst++;
      if (q.options.every((o) => o === correct || length(o.text) <= length(correct.text))) longest.push(`${lesson.moduleId}/${lesson.id}#${q.id}`);
    }
  }
  const share = (n: number) => (questions ? n / questions : 0);
  return {
    questions,
    correctLongest: longest.length,
    correctFirst,
    longestShare: share(longest.length),
    firstShare: share(correctFirst),
    longest,
  };
}

/** Warnings (not errors) for content:check when either share reaches the limit. */
export function balanceWarnings(balance: QuizBalance, locale: string): string[] {
  const warnings: string[] = [];
  const pct = (x: number) => `${Math.round(100 * x)}%`;
  if (balance.longestShare >= BALANCE_WARNING_SHARE)
    warnings.push(`${locale}: the correct option is the longest in ${pct(balance.longestShare)} of single-choice questions (keep it under ${pct(BALANCE_WARNING_SHARE)}): lengthen a wrong option or shorten the right one`);
  if (balance.firstShare >= BALANCE_WARNING_SHARE)
    warnings.push(`${locale}: the correct option is listed first in ${pct(balance.firstShare)} of single-choice questions (keep it under ${pct(BALANCE_WARNING_SHARE)}): vary its position`);
  return warnings;
}
