/**
 * Pure practice rules: reading a posted practice form and grading it. No storage, no I/O.
 * Choice tasks post `choice.<taskId>=<optionId>`; order tasks post `order.<taskId>.<stepId>=<position>`.
 */

import { ATTEMPT_KEY_FIELD } from "~/modules/access/attempt-key";

export interface GradableChoiceTask {
  id: string;
  type: "choice";
  options: { id: string; correct?: boolean }[];
}
export interface GradableOrderTask {
  id: string;
  type: "order";
  /** In the right order. */
  steps: { id: string }[];
}
export type GradableTask = GradableChoiceTask | GradableOrderTask;

/** Per task: the chosen option id, or the step ids in the order the learner put them. */
export type PracticeAnswers = Record<string, string[]>;

export type TaskError = "missing" | "order-incomplete";

export interface PracticeForm {
  /** Something a real form could not have sent: reject the whole post. */
  tampered: boolean;
  /** What the learner chose, to show again and to grade. Partial orders are kept as positions. */
  answers: PracticeAnswers;
  /** Raw positions chosen for order tasks, to put back on the form. */
  positions: Record<string, Record<string, number>>;
  errors: Record<string, TaskError>;
}

const KNOWN_FIELDS = new Set(["intent", ATTEMPT_KEY_FIELD]);

/** Reads the form for the given tasks (all of them for a submission, one for a check). */
export function readPracticeForm(tasks: GradableTask[], entries: Iterable<[string, unknown]>, only?: string): PracticeForm {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const form: PracticeForm = { tampered: false, answers: {}, positions: {}, errors: {} };

  const seen = new Set<string>();
  for (const [name, value] of entries) {
    // No field of a practice form is sent twice (a choice, a step's position, the intent, the key).
    if (seen.has(name)) {
      form.tampered = true;
      continue;
    }
    seen.add(name);
    if (KNOWN_FIELDS.has(name)) continue;
    const [kind, taskId, stepId, ...rest] = name.split(".");
    const task = taskId ? byId.get(taskId) : undefined;
    if (!task || rest.length || typeof value !== "string" || kind !== task.type) {
      form.tampered = true;
      continue;
    }
    if (task.type === "choice") {
      if (stepId !== undefined || !task.options.some((o) => o.id === value) || form.answers[task.id]) form.tampered = true;
      else form.answers[task.id] = [value];
      continue;
    }
    if (!stepId || !task.steps.some((s) => s.id === stepId)) {
      form.tampered = true;
      continue;
    }
    if (value === "") continue; // "—": not placed yet
    // Plain decimal positions only: "0x2", "1e0", " 2" or "02" are not what the form's options send.
    const position = /^[1-9]\d{0,2}$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(position) || position < 1 || position > task.steps.length) {
      form.tampered = true;
      continue;
    }
    (form.positions[task.id] ??= {})[stepId] = position;
  }

  for (const task of tasks) {
    if (only && task.id !== only) continue;
    if (task.type === "choice") {
      if (!form.answers[task.id]) form.errors[task.id] = "missing";
      continue;
    }
    const placed = form.positions[task.id] ?? {};
    const used = new Set(Object.values(placed));
    if (Object.keys(placed).length === 0) form.errors[task.id] = "missing";
    else if (Object.keys(placed).length !== task.steps.length || used.size !== task.steps.length) form.errors[task.id] = "order-incomplete";
    else
      form.answers[task.id] = Object.entries(placed)
        .sort((a, b) => a[1] - b[1])
        .map(([id]) => id);
  }
  return form;
}

export interface TaskResult {
  taskId: string;
  correct: boolean;
  answer: string[];
  /** The correct option id, or the steps in the right order. */
  expected: string[];
}

export interface PracticeResult {
  correctCount: number;
  totalCount: number;
  score: number;
  tasks: TaskResult[];
}

export function gradeTask(task: GradableTask, answer: string[] = []): TaskResult {
  const expected = task.type === "choice" ? task.options.filter((o) => o.correct).map((o) => o.id) : task.steps.map((s) => s.id);
  const correct = answer.length === expected.length && expected.every((id, i) => answer[i] === id);
  return { taskId: task.id, correct, answer, expected };
}

export function gradePractice(tasks: GradableTask[], answers: PracticeAnswers): PracticeResult {
  const results = tasks.map((t) => gradeTask(t, answers[t.id]));
  const correctCount = results.filter((r) => r.correct).length;
  return {
    correctCount,
    totalCount: tasks.length,
    score: tasks.length ? Math.floor((100 * correctCount) / tasks.length) : 0,
    tasks: results,
  };
}
