/**
 * Join and invitation codes: read aloud, written on a board, typed on a phone by someone who is
 * not used to it. Upper-case letters and digits without look-alikes (no 0/O, 1/I/L, 5/S, 2/Z),
 * case and spaces ignored when typed.
 */
export const CODE_ALPHABET = "346789ABCDEFGHJKMNPQRTUVWXY";
export const JOIN_CODE_LENGTH = 6;
export const INVITE_CODE_LENGTH = 8;

export function generateCode(length: number, randomInt: (max: number) => number): string {
  let code = "";
  for (let i = 0; i < length; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** A code as typed ("k7m 3qx", "K7M-3QX") → "K7M3QX"; null when it cannot be one of ours. */
export function normaliseCode(raw: string, length: number): string | null {
  const code = raw.normalize("NFKC").toUpperCase().replace(/[\s-]/g, "");
  if (code.length !== length) return null;
  return [...code].every((c) => CODE_ALPHABET.includes(c)) ? code : null;
}

/** "K7M3QX" → "K7M 3QX", easier to read aloud. */
export function formatCode(code: string): string {
  const half = Math.ceil(code.length / 2);
  return `${code.slice(0, half)} ${code.slice(half)}`;
}

/** Today's date in Vietnam (UTC+7, no daylight saving), as YYYY-MM-DD. */
export function vietnamDay(now: Date): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}
