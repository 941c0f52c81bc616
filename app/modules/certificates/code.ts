/**
 * Certificate codes: 14 Crockford base32 symbols (70 random bits) and Crockford's check symbol,
 * printed in three groups of five: "7K3QD-M9X2A-RT5VC". Pure: no storage, no secrets.
 *
 * Crockford base32 leaves out I, L, O and U, so a code read aloud or copied by hand has no
 * look-alikes; when typed, O is read as 0 and I or L as 1. The check symbol is the value modulo
 * 37, which catches every single wrong symbol and every swap of two neighbours before any lookup.
 * Its alphabet has five extra symbols (* ~ $ = U); codes whose check would be one of them are
 * never issued (a new random value is drawn), which costs 0.2 bits and keeps codes to letters
 * and digits that anyone can type.
 */

export const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CHECK_ALPHABET = `${CODE_ALPHABET}*~$=U`;
/** Random symbols in a code: 14 × 5 = 70 bits. */
export const CODE_DATA_LENGTH = 14;
export const CODE_LENGTH = CODE_DATA_LENGTH + 1;
const DATA_BITS = BigInt(CODE_DATA_LENGTH * 5);

export type RandomBytes = (length: number) => Uint8Array;

const webRandom: RandomBytes = (length) => globalThis.crypto.getRandomValues(new Uint8Array(length));

function valueOf(symbols: string): bigint {
  let value = 0n;
  for (const ch of symbols) value = value * 32n + BigInt(CODE_ALPHABET.indexOf(ch));
  return value;
}

function encode(value: bigint): string {
  let out = "";
  for (let i = 0; i < CODE_DATA_LENGTH; i++) {
    out = CODE_ALPHABET[Number(value & 31n)]! + out;
    value >>= 5n;
  }
  return out;
}

/** Crockford's check symbol of a string of data symbols (one of 37; issued codes only use the first 32). */
export function checkSymbol(symbols: string): string {
  return CHECK_ALPHABET[Number(valueOf(symbols) % 37n)]!;
}

/** "7K3QDM9X2ART5VC" → "7K3QD-M9X2A-RT5VC". */
export function formatCode(compact: string): string {
  return compact.match(/.{1,5}/g)!.join("-");
}

/** A new random code, formatted. `random` is injectable for tests; the default is the platform CSPRNG. */
export function generateCode(random: RandomBytes = webRandom): string {
  for (;;) {
    const bytes = random(9);
    let value = 0n;
    for (const b of bytes) value = (value << 8n) | BigInt(b);
    value &= (1n << DATA_BITS) - 1n;
    if (value % 37n >= 32n) continue;
    const data = encode(value);
    return formatCode(data + checkSymbol(data));
  }
}

export type CodeError = "empty" | "length" | "characters" | "check";
export type ParsedCode = { ok: true; code: string } | { ok: false; error: CodeError };

/**
 * Reads a code as a person may type it: any case, with spaces or dashes, O for 0, I or L for 1,
 * full-width digits. Returns the canonical form, or why it cannot be a code: too short or long,
 * symbols that never occur, or a check symbol that does not match (a typo).
 */
export function parseCode(input: string): ParsedCode {
  const compact = input
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\-‐-―_.]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (!compact) return { ok: false, error: "empty" };
  if (compact.length !== CODE_LENGTH) return { ok: false, error: "length" };
  const data = compact.slice(0, CODE_DATA_LENGTH);
  const check = compact.slice(CODE_DATA_LENGTH);
  // The check symbol's five extra values (* ~ $ = U) are never issued: such a code is not one.
  if ([...data].some((ch) => !CODE_ALPHABET.includes(ch)) || !CODE_ALPHABET.includes(check)) {
    return { ok: false, error: "characters" };
  }
  if (checkSymbol(data) !== check) return { ok: false, error: "check" };
  return { ok: true, code: formatCode(compact) };
}

/**
 * What a person pasted into the "check a certificate" box: a code, or a whole verification link
 * (…/verify/<code>?t=…), from which the code is taken.
 */
export function codeFromInput(input: string): string {
  const trimmed = input.trim();
  const match = /\/verify\/([^/?#\s]+)/i.exec(trimmed);
  if (!match) return trimmed;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return match[1]!;
  }
}
