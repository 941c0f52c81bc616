/**
 * The learner's name as it is printed on a certificate. Vietnamese can be typed with precomposed
 * letters ("ễ") or with a base letter and combining marks ("ê" + "̃"), depending on the phone's
 * keyboard; both must print and compare the same, so names are stored in NFC.
 */

export const PRINTED_NAME_MAX = 80;

export type PrintedNameError = "nameRequired" | "nameTooLong" | "nameInvalid";

/** Letters (any script, with marks), spaces, and the punctuation real names use. */
const ALLOWED = /^[\p{L}\p{M}' ’.-]+$/u;

export function normalisePrintedName(raw: unknown): { ok: true; name: string } | { ok: false; error: PrintedNameError } {
  if (typeof raw !== "string") return { ok: false, error: "nameRequired" };
  const name = raw.normalize("NFC").replace(/\s+/gu, " ").trim();
  if (!name) return { ok: false, error: "nameRequired" };
  if ([...name].length > PRINTED_NAME_MAX) return { ok: false, error: "nameTooLong" };
  if (!ALLOWED.test(name) || !/\p{L}/u.test(name)) return { ok: false, error: "nameInvalid" };
  return { ok: true, name };
}
