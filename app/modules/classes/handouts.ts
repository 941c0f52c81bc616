import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * Sealing the PINs of a handout (pure apart from the random IV): AES-256-GCM, the key only in the
 * facilitator's cookie, the sealed text only in the database. Anything altered or sealed with
 * another key opens as null.
 */
export interface HandoutPin {
  id: string;
  pin: string;
}

export const HANDOUT_HOURS = 24;

export function newHandoutKey(): string {
  return randomBytes(32).toString("base64url");
}

export function sealPins(pins: readonly HandoutPin[], key: string, { aad }: { aad: string }): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(key, "base64url"), iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(JSON.stringify(pins), "utf8"), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url");
}

export function openPins(sealed: string, key: string, { aad }: { aad: string }): HandoutPin[] | null {
  try {
    const bytes = Buffer.from(sealed, "base64url");
    const keyBytes = Buffer.from(key, "base64url");
    if (bytes.length < 29 || keyBytes.length !== 32) return null;
    const decipher = createDecipheriv("aes-256-gcm", keyBytes, bytes.subarray(0, 12));
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    const text = Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString("utf8");
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value)) return null;
    return value.filter(
      (p): p is HandoutPin => typeof p === "object" && p !== null && typeof p.id === "string" && typeof p.pin === "string",
    );
  } catch {
    return null;
  }
}

/** The cookie's value: class id → "handoutId.key", at most a few classes at once (newest kept). */
export function readHandoutCookie(value: unknown): Record<string, string> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  const out: Record<string, string> = {};
  for (const [classId, entry] of Object.entries(value as Record<string, unknown>).slice(-5)) {
    if (typeof entry === "string" && /^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/.test(entry) && /^[0-9a-f-]{36}$/.test(classId))
      out[classId] = entry;
  }
  return out;
}
