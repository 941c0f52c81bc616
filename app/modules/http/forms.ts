import type { z } from "zod";

/** Error codes per field: i18n keys the page shows in the learner's language. */
export type FieldErrors = Partial<Record<string, string>>;

/**
 * A posted form, or an empty one when the body cannot be read (a wrong content type, a broken
 * upload): the schema then reports what is missing instead of the server answering 500.
 */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    return new FormData();
  }
}

/** Reads named fields of a form with a schema: the data, or error codes per field and the values typed. */
export function readForm<T extends z.ZodTypeAny>(
  schema: T,
  form: FormData,
  fields: readonly string[],
): { ok: true; data: z.output<T> } | { ok: false; errors: FieldErrors; values: Record<string, string> } {
  const raw: Record<string, string> = {};
  for (const field of fields) {
    const value = form.get(field);
    if (typeof value === "string") raw[field] = value;
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  return { ok: false, errors, values: raw };
}
