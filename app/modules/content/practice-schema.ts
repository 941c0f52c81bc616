import { z } from "zod";
import { idSchema, itemFields, optionSchema, sourceSchema } from "./schema";

/**
 * A practice simulation: a safe imitation of the real thing, made of tasks graded on the server.
 * Lives in content/<locale>/<module>/practice/<id>.yaml; ids are shared across locales.
 */

const messageScenario = z
  .object({
    type: z.literal("message"),
    channel: z.enum(["sms", "zalo"]),
    from: z.string().min(1),
    text: z.string().min(1),
  })
  .strict();

const callScenario = z
  .object({
    type: z.literal("call"),
    caller: z.string().min(1),
    lines: z.array(z.object({ who: z.enum(["caller", "you"]), text: z.string().min(1) }).strict()).min(1),
  })
  .strict();

const paymentDetails = z
  .object({
    bank: z.string().min(1),
    account: z.string().regex(/^\d{6,19}$/, "account must be 6–19 digits"),
    name: z.string().min(1),
    amount: z.number().int().positive(),
    note: z.string().max(50).default(""),
  })
  .strict();

/** What the learner meant to pay (the bill) and what the scanned VietQR shows before confirming. */
const paymentScenario = z
  .object({
    type: z.literal("payment"),
    expected: z.object({ name: z.string().min(1), amount: z.number().int().positive(), note: z.string().default("") }).strict(),
    shown: paymentDetails,
  })
  .strict();

const websiteScenario = z
  .object({ type: z.literal("website"), url: z.string().min(4), title: z.string().min(1) })
  .strict();

const textScenario = z.object({ type: z.literal("text"), text: z.string().min(1) }).strict();

export const scenarioSchema = z.discriminatedUnion("type", [
  messageScenario,
  callScenario,
  paymentScenario,
  websiteScenario,
  textScenario,
]);

export const choiceTaskSchema = z
  .object({
    id: idSchema,
    type: z.literal("choice"),
    scenario: scenarioSchema.optional(),
    prompt: z.string().min(3),
    options: z.array(optionSchema).min(2).max(5),
  })
  .strict()
  .superRefine((t, ctx) => {
    const correct = t.options.filter((o) => o.correct).length;
    if (correct !== 1) ctx.addIssue({ code: "custom", message: `task "${t.id}" needs exactly one correct option (has ${correct})` });
  });

export const orderTaskSchema = z
  .object({
    id: idSchema,
    type: z.literal("order"),
    prompt: z.string().min(3),
    /** In the right order; shown to the learner in a fixed shuffled order. */
    steps: z.array(z.object({ id: idSchema, text: z.string().min(1) }).strict()).min(3).max(8),
    explanation: z.string().min(3),
  })
  .strict();

export const taskSchema = z.union([choiceTaskSchema, orderTaskSchema]);

export const practiceSchema = z
  .object({
    ...itemFields,
    sources: z.array(sourceSchema).default([]),
    tasks: z.array(taskSchema).min(3, "a practice needs at least 3 tasks"),
  })
  .strict()
  .superRefine((p, ctx) => {
    const ids = p.tasks.map((t) => t.id);
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup) ctx.addIssue({ code: "custom", message: `task id "${dup}" is used twice` });
  });

export type Practice = z.infer<typeof practiceSchema>;
export type PracticeTask = z.infer<typeof taskSchema>;
export type ChoiceTask = z.infer<typeof choiceTaskSchema>;
export type OrderTask = z.infer<typeof orderTaskSchema>;
export type Scenario = z.infer<typeof scenarioSchema>;

/** What the browser may see before the learner answers: no correct flags, no explanations. */
export type PublicTask =
  | { id: string; type: "choice"; scenario?: Scenario; prompt: string; options: { id: string; text: string }[] }
  | { id: string; type: "order"; prompt: string; steps: { id: string; text: string }[] };

/** A fixed shuffle (by the task id), so the order is the same on every load and never the answer. */
export function shuffledSteps<T extends { id: string }>(taskId: string, steps: T[]): T[] {
  let seed = 0;
  for (const ch of taskId) seed = (seed * 31 + ch.charCodeAt(0)) >>> 0;
  const out = [...steps];
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  // Never show the steps already in the right order.
  if (out.every((s, i) => s.id === steps[i]!.id)) out.push(out.shift()!);
  return out;
}

export function publicPractice(practice: Practice): PublicTask[] {
  return practice.tasks.map((t) =>
    t.type === "choice"
      ? { id: t.id, type: "choice", ...(t.scenario ? { scenario: t.scenario } : {}), prompt: t.prompt, options: t.options.map((o) => ({ id: o.id, text: o.text })) }
      : { id: t.id, type: "order", prompt: t.prompt, steps: shuffledSteps(t.id, t.steps) },
  );
}
