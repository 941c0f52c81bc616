import { getDb } from "~/db.server";
import type { Locale } from "~/i18n/config";
import { getOrCreateLearner } from "~/modules/accounts/session.server";
import type { CourseModule, CoursePractice } from "~/modules/content/course.server";
import { publicPractice, type PracticeTask, type PublicTask } from "~/modules/content/practice-schema";
import { vietQRPayload } from "~/modules/payments/vietqr.server";
import { qrSvg } from "~/modules/qr/qr-svg";
import { readAttemptKey } from "~/modules/access/attempt-key";
import { AttemptKeyConflict, getAttempt, recordAttempt } from "~/modules/progress/attempts.server";
import { gradePractice, gradeTask, readPracticeForm, type PracticeAnswers } from "./grade";
import { readFormData } from "~/modules/http/forms";

/** A task as the page shows it: no answers, and a drawn QR code for payment scenarios. */
export type PracticeTaskView = PublicTask & { qr?: { size: number; path: string } };

export function practiceView(practice: CoursePractice): PracticeTaskView[] {
  return publicPractice(practice).map((task) =>
    task.type === "choice" && task.scenario?.type === "payment" ? { ...task, qr: qrSvg(vietQRPayload(task.scenario.shown)) } : task,
  );
}

/**
 * What a learner reads after answering one task, in an order that never contradicts itself
 * (issue 11): the verdict, then what they chose and why it is right or wrong, then (if different)
 * the right answer and why. For an ordering task: their order with each step marked in its place
 * or not (and where it belongs), then the right order and why.
 */
export interface TaskFeedback {
  taskId: string;
  correct: boolean;
  /** A choice: the option chosen, with its explanation. */
  chosen: { text: string; explanation: string } | null;
  /** A choice answered wrongly: the right option, with its explanation. */
  right: { text: string; explanation: string } | null;
  /** An ordering task: the learner's order, each step marked. */
  order: { text: string; inPlace: boolean; rightPosition: number }[] | null;
  /** An ordering task: the steps in the right order. */
  rightOrder: string[] | null;
  /** An ordering task: why that is the order. */
  explanation: string | null;
}

export function feedbackFor(task: PracticeTask, answer: string[]): TaskFeedback {
  const result = gradeTask(task, answer);
  if (task.type === "choice") {
    const chosen = task.options.find((o) => o.id === answer[0]);
    const right = task.options.find((o) => o.correct)!;
    return {
      taskId: task.id,
      correct: result.correct,
      chosen: chosen ? { text: chosen.text, explanation: chosen.explanation } : null,
      right: chosen?.id === right.id ? null : { text: right.text, explanation: right.explanation },
      order: null,
      rightOrder: null,
      explanation: null,
    };
  }
  const order = answer.map((id, i) => {
    const rightIndex = task.steps.findIndex((s) => s.id === id);
    return { text: task.steps[rightIndex]?.text ?? id, inPlace: rightIndex === i, rightPosition: rightIndex + 1 };
  });
  return {
    taskId: task.id,
    correct: result.correct,
    chosen: null,
    right: null,
    order,
    rightOrder: task.steps.map((s) => s.text),
    explanation: task.explanation,
  };
}

export type PracticePost =
  | { kind: "recorded"; attemptId: string; setCookie: string | null }
  | {
      kind: "form";
      status: 200 | 400;
      /** "tampered" rejects the post; "incomplete" names the tasks left to do. */
      error: "tampered" | "incomplete" | null;
      errors: Record<string, "missing" | "order-incomplete">;
      answers: PracticeAnswers;
      positions: Record<string, Record<string, number>>;
      feedback: TaskFeedback | null;
      /** The task a "Check" was about, or null for "Finish". */
      checked: string | null;
    };

/**
 * One post of a practice form. `intent=check:<taskId>` checks one task and records nothing (the
 * instant feedback, which also works as a plain form post); `intent=submit` grades every task and
 * records the attempt. Invalid posts record nothing and give the choices back.
 */
export async function handlePracticePost(
  request: Request,
  { locale, module, practice }: { locale: Locale; module: CourseModule; practice: CoursePractice },
): Promise<PracticePost> {
  // An unreadable body is an empty form: treated like a tampered one.
  const entries: [string, unknown][] = [...(await readFormData(request)).entries()];
  const intent = String(entries.find(([name]) => name === "intent")?.[1] ?? "submit");
  const checkId = intent.startsWith("check:") ? intent.slice("check:".length) : null;
  const checkTask = checkId ? practice.tasks.find((t) => t.id === checkId) : undefined;
  const form = readPracticeForm(practice.tasks, entries, checkTask?.id);
  const base = { answers: form.answers, positions: form.positions, errors: form.errors, checked: checkTask?.id ?? null };
  const attemptKey = readAttemptKey(entries);

  if (form.tampered || attemptKey === "invalid" || (checkId && !checkTask) || (!checkId && intent !== "submit")) {
    return { kind: "form", status: 400, error: "tampered", ...base, errors: {}, feedback: null };
  }
  if (checkTask) {
    const ready = !form.errors[checkTask.id];
    return {
      kind: "form",
      status: ready ? 200 : 400,
      error: ready ? null : "incomplete",
      ...base,
      feedback: ready ? feedbackFor(checkTask, form.answers[checkTask.id]!) : null,
    };
  }
  if (Object.keys(form.errors).length) return { kind: "form", status: 400, error: "incomplete", ...base, feedback: null };

  const result = gradePractice(practice.tasks, form.answers);
  const { learner, setCookie } = await getOrCreateLearner(request);
  try {
    const { id } = await recordAttempt(await getDb(), {
      learnerId: learner.id,
      item: { kind: "practice", id: practice.id, moduleId: module.id },
      locale,
      answers: form.answers,
      graded: { correctCount: result.correctCount, totalCount: result.totalCount, score: result.score },
      passMark: module.passMark,
      idempotencyKey: attemptKey === "invalid" ? null : attemptKey,
    });
    return { kind: "recorded", attemptId: id, setCookie };
  } catch (error) {
    if (error instanceof AttemptKeyConflict) return { kind: "form", status: 400, error: "tampered", ...base, errors: {}, feedback: null };
    throw error;
  }
}

export interface PracticeReview {
  score: number;
  correctCount: number;
  totalCount: number;
  passed: boolean;
  passMark: number;
  tasks: { id: string; prompt: string; feedback: TaskFeedback; answerText: string[] }[];
}

/** One of the learner's own practice attempts, every task marked and explained. */
export async function reviewPracticeAttempt(
  { module, practice }: { module: CourseModule; practice: CoursePractice },
  { learnerId, attemptId }: { learnerId: string; attemptId: string },
): Promise<PracticeReview | null> {
  const attempt = await getAttempt(await getDb(), {
    learnerId,
    attemptId,
    item: { kind: "practice", id: practice.id, moduleId: module.id },
  });
  if (!attempt) return null;
  return {
    score: attempt.score,
    correctCount: attempt.correct_count,
    totalCount: attempt.total_count,
    passed: attempt.passed === 1,
    passMark: module.passMark,
    tasks: practice.tasks.map((task) => {
      const answer = attempt.answers[task.id] ?? [];
      const answerText =
        task.type === "choice"
          ? answer.map((id) => task.options.find((o) => o.id === id)?.text ?? id)
          : answer.map((id) => task.steps.find((s) => s.id === id)?.text ?? id);
      return { id: task.id, prompt: task.prompt, feedback: feedbackFor(task, answer), answerText };
    }),
  };
}
