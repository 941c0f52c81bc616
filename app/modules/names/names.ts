import { z } from "zod";

/**
 * The one cleaning of a person's or a class's name, for the whole app: the display name at
 * sign-up, a guest's name on joining, PIN learners' names, the name printed on a certificate and
 * class names all go through `cleanName`.
 *
 * - Too long is refused first, before any work on the text (a 1 MB "name" is never normalised).
 * - NFC: "ê" + "̃" and "ễ" are the same letter typed on two keyboards, stored and compared alike.
 * - Control, format and bidi characters (Unicode Cc and Cf: NUL, BEL, ESC sequences, soft hyphen,
 *   zero-width U+200B–U+200F, bidi embeddings and overrides U+202A–U+202E and isolates
 *   U+2066–U+2069, the byte-order mark), line and paragraph separators, private-use and lone
 *   surrogate code points are removed; runs of whitespace become one space.
 * - A name with nothing visible left (only spaces, marks or blank fillers) is refused.
 */
export type NameError = "nameRequired" | "nameTooLong";

export const NAME_MAX = 80;

/** Spaces, tabs and line breaks of any kind: one space each. */
const SPACES = /[\p{Zs}\t\n\v\f\r\u0085\u2028\u2029]/gu;
/** Removed wherever they appear. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}]/gu;
/** Letters that render as blank space (Hangul fillers, braille blank). */
const BLANK_LETTERS = /[\u115f\u1160\u3164\uffa0\u2800]/gu;

export function cleanName(raw: unknown, max: number = NAME_MAX): { ok: true; name: string } | { ok: false; error: NameError } {
  if (typeof raw !== "string") return { ok: false, error: "nameRequired" };
  // Generous for combining marks and spaces that will go, but bounded before anything else.
  if (raw.length > max * 4) return { ok: false, error: "nameTooLong" };
  const name = raw.normalize("NFC").replace(SPACES, " ").replace(INVISIBLE, "").replace(BLANK_LETTERS, "").replace(/ {2,}/g, " ").trim();
  if (!/[^\s\p{M}]/u.test(name)) return { ok: false, error: "nameRequired" };
  if ([...name].length > max) return { ok: false, error: "nameTooLong" };
  return { ok: true, name };
}

/** For terminals and logs: control and format characters shown as \u{…} escapes, never sent raw. */
export function printable(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}

/**
 * A zod field for a name: the raw text is bounded before anything else, then cleaned by
 * `cleanName`; the messages are the caller's i18n keys.
 */
export function nameField(messages: { required: string; tooLong: string }, max: number = NAME_MAX) {
  return z
    .string({ required_error: messages.required, invalid_type_error: messages.required })
    .default("")
    .transform((raw, ctx) => {
      const cleaned = cleanName(raw, max);
      if (cleaned.ok) return cleaned.name;
      ctx.addIssue({ code: "custom", message: cleaned.error === "nameTooLong" ? messages.tooLong : messages.required });
      return z.NEVER;
    });
}
