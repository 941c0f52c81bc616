/**
 * Pure quiz rules: reading a posted form and grading it. No storage, no I/O.
 * A quiz here is the server's copy, with `correct` flags.
 */
import { ATTEMPT_KEY_FIELD } from "~/modules/access/attempt-key";
import { SHUFFLE_SEED_FIELD } from "./shuffle";

export interface GradableQuestion {
  id: string;
  kind: "single" | "multiple";
  options: { id: string; correct?: boolean }[];
}

/** Selected option ids per question id. */
export type Answers = Record<string, string[]>;

/** Form fields that carry answers are named `answer.<questionId>`. */
export const ANSWER_FIELD_PREFIX = "answer.";
/** Other fields the quiz form may post (checked by `readAttemptKey` and `readSeed`). */
const KNOWN_FIELDS = new Set(["intent", ATTEMPT_KEY_FIELD, SHUFFLE_SEED_FIELD]);

export type SubmissionError = "tampered" | "missing";

export type Submission =
  | { ok: true; answers: Answers }
  | {
      ok: false;
      error: SubmissionError;
      /** Questions left unanswered. */
      missing: string[];
      /** The valid part of what was posted, to put back on the form. */
      answers: Answers;
    };

/**
 * Checks a posted quiz against the questions it claims to answer. Anything a real form could not
 * have sent (unknown fields, questions or options, two answers to a one-answer question) is
 * "tampered"; otherwise every question must be answered.
 */
export function parseSubmission(questions: GradableQuestion[], entries: Iterable<[string, unknown]>): Submission {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const answers: Answers = {};
  let tampered = false;

  const seen = new Set<string>();
  for (const [name, value] of entries) {
    if (!name.startsWith(ANSWER_FIELD_PREFIX)) {
      // The submit button's intent is "submit", sent at most once; other known fields once too.
      if (!KNOWN_FIELDS.has(name) || seen.has(name) || (name === "intent" && value !== "submit")) tampered = true;
      seen.add(name);
      continue;
    }
    const question = byId.get(name.slice(ANSWER_FIELD_PREFIX.length));
    if (!question || typeof value !== "string") {
      tampered = true;
      continue;
    }
    if (!question.options.some((o) => o.id === value)) {
      tampered = true;
      continue;
    }
    const chosen = (answers[question.id] ??= []);
    if (chosen.includes(value) || (question.kind === "single" && chosen.length > 0)) {
      tampered = true;
      continue;
    }
    chosen.push(value);
  }

  const missing = questions.filter((q) => !answers[q.id]?.length).map((q) => q.id);
  if (tampered) return { ok: false, error: "tampered", missing, answers };
  if (missing.length) return { ok: false, error: "missing", missing, answers };
  return { ok: true, answers };
}

export interface QuestionResult {
  questionId: string;
  correct: boolean;
  selected: string[];
  correctOptionIds: string[];
}

export interface QuizResult {
  correctCount: number;
  questionCount: number;
  /** Whole percent, rounded down so that a score shown as 80% really is at least 80%. */
  score: number;
  questions: QuestionResult[];
}

/** A question is right when exactly its correct options are chosen: no more, no fewer. */
export function gradeQuiz(questions: GradableQuestion[], answers: Answers): QuizResult {
  const results = questions.map((q) => {
    const correctOptionIds = q.options.filter((o) => o.correct).map((o) => o.id);
    const selected = answers[q.id] ?? [];
    const correct = selected.length === correctOptionIds.length && correctOptionIds.every((id) => selected.includes(id));
    return { questionId: q.id, correct, selected, correctOptionIds };
  });
  const correctCount = results.filter((r) => r.correct).length;
  const questionCount = questions.length;
  return {
    correctCount,
    questionCount,
    score: questionCount ? Math.floor((100 * correctCount) / questionCount) : 0,
    questions: results,
  };
}
