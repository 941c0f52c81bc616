import type { z } from "zod";

/** Error codes per field: i18n keys the page shows in the learner's language. */
export type FieldErrors = Partial<Record<string, string>>;

/** A form post's body, at most: every form of the site is far smaller (the largest, a quiz, is ~1 KB). */
export const FORM_BODY_LIMIT = 64 * 1024;
/**
 * The most any request body may be, refused by the server (server/index.mjs) before the app sees
 * it. A route that expects an upload passes a larger `maxBytes` to `readFormData`, up to this.
 */
export const REQUEST_BODY_CEILING = 1024 * 1024;
/** The most one field may hold (characters) before any schema looks at it. */
export const FIELD_MAX = 2000;

/** The refusal of a body over the limit: the page says so in the visitor's language (root ErrorBoundary). */
export function bodyTooLarge(): Response {
  return new Response(null, { status: 413, statusText: "Payload Too Large" });
}

const read = new WeakMap<Request, Promise<FormData>>();

/**
 * A posted form, read once per request (later calls get the same form), or an empty one when the
 * body cannot be read (a wrong content type, a broken upload): the schema then reports what is
 * missing instead of the server answering 500.
 *
 * The size is enforced while reading: a declared Content-Length over `maxBytes` is refused
 * before a byte is read, and a body without one is refused as soon as it passes `maxBytes`
 * (a 413 response is thrown; nothing has been written).
 */
export function readFormData(request: Request, { maxBytes = FORM_BODY_LIMIT }: { maxBytes?: number } = {}): Promise<FormData> {
  let form = read.get(request);
  if (!form) {
    form = readLimited(request, Math.min(maxBytes, REQUEST_BODY_CEILING));
    read.set(request, form);
  }
  return form;
}

async function readLimited(request: Request, maxBytes: number): Promise<FormData> {
  const declared = request.headers.get("Content-Length");
  if (declared !== null && !(/^\d{1,15}$/.test(declared.trim()) && Number(declared) <= maxBytes)) throw bodyTooLarge();
  if (!request.body || request.bodyUsed) return new FormData();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        // Not cancelled: that would reset the connection before the page is sent. The server
        // throws the rest away for a few seconds, then closes (server/security.mjs).
        reader.releaseLock();
        throw bodyTooLarge();
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof Response) throw error;
    return new FormData();
  }
  const type = request.headers.get("Content-Type") ?? "";
  try {
    return await new Response(Buffer.concat(chunks), { headers: { "Content-Type": type } }).formData();
  } catch {
    return new FormData();
  }
}

/**
 * Reads named fields of a form with a schema: the data, or error codes per field and the values
 * typed. A field longer than `FIELD_MAX` is refused before the schema runs (so a huge value is
 * never normalised, hashed or used as a key); each schema then has its own, smaller maximum.
 */
export function readForm<T extends z.ZodTypeAny>(
  schema: T,
  form: FormData,
  fields: readonly string[],
): { ok: true; data: z.output<T> } | { ok: false; errors: FieldErrors; values: Record<string, string> } {
  const raw: Record<string, string> = {};
  const errors: FieldErrors = {};
  for (const field of fields) {
    const value = form.get(field);
    if (typeof value !== "string") continue;
    if (value.length > FIELD_MAX) {
      errors[field] = "fieldTooLong";
      raw[field] = "";
    } else raw[field] = value;
  }
  if (Object.keys(errors).length) return { ok: false, errors, values: raw };
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  return { ok: false, errors, values: raw };
}
