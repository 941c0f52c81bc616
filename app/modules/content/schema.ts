import { z } from "zod";

/** Ids shared across locales: lowercase ASCII words joined by dashes. */
export const idSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lowercase letters, digits and dashes (e.g. fake-police-calls)");

export const moduleIcons = ["phone", "globe", "building", "wallet", "shield", "store", "sparkles", "cart", "toolbox"] as const;

export const moduleMetaSchema = z
  .object({
    title: z.string().min(3),
    summary: z.string().min(10),
    order: z.number().int().min(1),
    icon: z.enum(moduleIcons),
    passMark: z.number().gt(0).max(1).default(0.8),
  })
  .strict();

export const optionSchema = z
  .object({
    id: idSchema,
    text: z.string().min(1),
    correct: z.boolean().default(false),
    explanation: z.string().min(3, "every option needs an explanation"),
  })
  .strict();

export const questionSchema = z
  .object({
    id: idSchema,
    kind: z.enum(["single", "multiple"]),
    prompt: z.string().min(3),
    options: z.array(optionSchema).min(2).max(5),
  })
  .strict()
  .superRefine((q, ctx) => {
    const correct = q.options.filter((o) => o.correct).length;
    if (correct === 0) ctx.addIssue({ code: "custom", message: `question "${q.id}" has no correct option` });
    if (q.kind === "single" && correct > 1)
      ctx.addIssue({ code: "custom", message: `single-answer question "${q.id}" has ${correct} correct options` });
    const ids = q.options.map((o) => o.id);
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup) ctx.addIssue({ code: "custom", message: `question "${q.id}" repeats option id "${dup}"` });
  });

export const quizSchema = z
  .object({ questions: z.array(questionSchema).min(4, "a quiz needs at least 4 questions") })
  .strict()
  .superRefine((quiz, ctx) => {
    const ids = quiz.questions.map((q) => q.id);
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup) ctx.addIssue({ code: "custom", message: `question id "${dup}" is used twice` });
  });

export const sourceSchema = z.object({ title: z.string().min(3), url: z.string().url() }).strict();

/** What every lesson and practice has: its place in the module and what it teaches. */
export const itemFields = {
  id: idSchema,
  title: z.string().min(3),
  summary: z.string().min(10),
  minutes: z.number().int().min(1).max(15),
  order: z.number().int().min(1),
  competencies: z.array(z.string().regex(/^[a-z]+:[a-z0-9.-]+$/)).min(1),
};

export const lessonFrontmatterSchema = z
  .object({
    ...itemFields,
    sources: z.array(sourceSchema).min(1),
    quiz: quizSchema,
  })
  .strict();

export type ModuleMeta = z.infer<typeof moduleMetaSchema>;
export type Quiz = z.infer<typeof quizSchema>;
export type Question = z.infer<typeof questionSchema>;
export type LessonFrontmatter = z.infer<typeof lessonFrontmatterSchema>;

/** What the browser may see of a quiz before it is submitted: no `correct`, no explanations. */
export interface PublicQuestion {
  id: string;
  kind: "single" | "multiple";
  prompt: string;
  options: { id: string; text: string }[];
}

export function publicQuiz(quiz: Quiz): PublicQuestion[] {
  return quiz.questions.map((q) => ({
    id: q.id,
    kind: q.kind,
    prompt: q.prompt,
    options: q.options.map((o) => ({ id: o.id, text: o.text })),
  }));
}

/** Turns a zod error into "path: message" lines a lesson writer can act on. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join(".") + ": " : ""}${i.message}`);
}
