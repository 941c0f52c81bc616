/**
 * Pure rules for learners who log in with a username and a 6-digit PIN (people without phone or
 * e-mail, whose account a facilitator creates). Wrong PINs are counted by the rate limits
 * (accounts/login-limits.server.ts); these functions only decide.
 */

export const PIN_LENGTH = 6;

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
