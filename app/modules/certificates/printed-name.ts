import { cleanName, NAME_MAX } from "~/modules/names/names";

/**
 * The learner's name as it is printed on a certificate. Vietnamese can be typed with precomposed
 * letters ("ễ") or with a base letter and combining marks ("ê" + "̃"), depending on the phone's
 * keyboard; both must print and compare the same, so names are stored in NFC.
 */

export const PRINTED_NAME_MAX = NAME_MAX;

export type PrintedNameError = "nameRequired" | "nameTooLong" | "nameInvalid";

/** Letters (any script, with marks), spaces, and the punctuation real names use. */
const ALLOWED = /^[\p{L}\p{M}' ’.-]+$/u;

export function normalisePrintedName(raw: unknown): { ok: true; name: string } | { ok: false; error: PrintedNameError } {
  // The same cleaning as every name of the app (control, format and bidi characters removed).
  const cleaned = cleanName(raw, PRINTED_NAME_MAX);
  if (!cleaned.ok) return cleaned;
  const name = cleaned.name;
  if (!ALLOWED.test(name) || !/\p{L}/u.test(name)) return { ok: false, error: "nameInvalid" };
  return { ok: true, name };
}
