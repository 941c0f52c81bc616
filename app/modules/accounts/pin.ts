/**
 * Pure rules for learners who log in with a username and a 6-digit PIN (people without phone or
 * e-mail, whose account a facilitator creates). The failure counter lives in the database; these
 * functions only decide.
 */

/** From the 5th failure on, each further try must wait; the 20th failure locks the account. */
export const PIN_SLOW_AFTER = 5;
export const PIN_LOCK_AFTER = 20;
export const PIN_LENGTH = 6;

export type PinGate = { state: "open" } | { state: "wait"; retryAfterMs: number } | { state: "locked" };

/** Whether a PIN may be tried now for an account with this failure record. */
export function pinGate(
  record: { failed_count: number; last_failed_at: string | null; locked_at: string | null },
  { now, slowdownMs }: { now: Date; slowdownMs: number },
): PinGate {
  if (record.locked_at || record.failed_count >= PIN_LOCK_AFTER) return { state: "locked" };
  if (record.failed_count < PIN_SLOW_AFTER || !record.last_failed_at) return { state: "open" };
  const left = Date.parse(record.last_failed_at) + slowdownMs - now.getTime();
  return left > 0 ? { state: "wait", retryAfterMs: left } : { state: "open" };
}

/** A PIN as typed: spaces and dashes ignored, full-width digits accepted; null unless 6 digits. */
export function normalisePin(raw: string): string | null {
  const digits = raw.normalize("NFKC").replace(/[\s-]/g, "");
  return /^\d{6}$/.test(digits) ? digits : null;
}

/** PINs a person nearby would guess first: one digit repeated, a run up or down, or two halves alike. */
export function isWeakPin(pin: string): boolean {
  if (/^(\d)\1+$/.test(pin)) return true;
  const steps = [...pin].slice(1).map((d, i) => Number(d) - Number(pin[i]));
  if (steps.every((s) => s === 1) || steps.every((s) => s === -1)) return true;
  if (pin.slice(0, 3) === pin.slice(3)) return true;
  if (/^(\d\d)\1\1$/.test(pin)) return true;
  return false;
}

/** A random PIN that is not weak. `randomInt(n)` returns 0 ≤ x < n. */
export function generatePin(randomInt: (max: number) => number): string {
  for (;;) {
    const pin = String(randomInt(1_000_000)).padStart(PIN_LENGTH, "0");
    if (!isWeakPin(pin)) return pin;
  }
}

/** Vietnamese text without diacritics, lower-case: "Nguyễn Thị Đào" → "nguyen thi dao". */
export function foldVietnamese(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase();
}

/**
 * A username a person can read aloud and type: the given name (the last word of a Vietnamese
 * name) without diacritics, then digits: "Nguyễn Thị Lan" → "lan4821". Always matches the login
 * name rule (3–32 of a–z, 0–9), never all digits.
 */
export function usernameFor(fullName: string, randomInt: (max: number) => number, digits = 4): string {
  const words = foldVietnamese(fullName)
    .replace(/[^a-z\s]/g, " ")
    .split(/\s+/)
    .filter(Boolean);
  const given = (words[words.length - 1] ?? "").slice(0, 20) || "hocvien";
  const number = String(randomInt(10 ** digits)).padStart(digits, "0");
  return `${given}${number}`;
}
