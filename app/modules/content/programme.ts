import { z } from "zod";
import { idSchema } from "./schema";

/**
 * content/programme.yaml: the programme certificate ("Giấy chứng nhận hoàn thành khóa học kỹ năng số
 * cơ bản"). Which modules are core is content, not code: a province may ask for fewer or more.
 * Texts are given per locale; the reference locale (vi) is required and the others fall back to it.
 */
const localisedText = z
  .record(z.string().regex(/^[a-z]{2,3}$/, "locale keys are language codes such as vi or en"), z.string().min(3))
  .refine((texts) => typeof texts.vi === "string", "needs at least the Vietnamese (vi) text");

export const programmeSchema = z
  .object({
    id: idSchema,
    /** The certificate's title, e.g. "Giấy chứng nhận hoàn thành khóa học kỹ năng số cơ bản". */
    title: localisedText,
    /** One or two sentences: what holding it means. */
    description: localisedText,
    coreModules: z.array(idSchema).min(1, "list at least one core module"),
  })
  .strict()
  .superRefine((p, ctx) => {
    const dup = p.coreModules.find((id, i) => p.coreModules.indexOf(id) !== i);
    if (dup) ctx.addIssue({ code: "custom", path: ["coreModules"], message: `module "${dup}" is listed twice` });
  });

export type Programme = z.infer<typeof programmeSchema>;

export const PROGRAMME_FILE = "programme.yaml";

/** A text in a locale, or in Vietnamese when it is not translated. */
export function localised(texts: Record<string, string>, locale: string): string {
  return texts[locale] ?? texts.vi!;
}

/** Core modules that the course does not have (a typo, or a module not written yet). */
export function checkProgramme(programme: Programme, moduleIds: readonly string[]): string[] {
  return programme.coreModules
    .filter((id) => !moduleIds.includes(id))
    .map((id) => `core module "${id}" is not a module of the course`);
}
