/**
 * Idempotency keys for attempts. The browser makes one per attempt (a quiz or practice filled in
 * once) and posts it in a hidden field; the server records at most one attempt per learner and key,
 * so an answer sent again (queued offline and replayed, a double tap, a resent form) is counted once.
 * Plain forms without JavaScript post no key: a page kept by a shared cache cannot carry one.
 */
export const ATTEMPT_KEY_FIELD = "attemptKey";

const KEY_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** The posted key: null when there is none, "invalid" for anything a real form could not send. */
export function readAttemptKey(entries: Iterable<[string, unknown]>): string | null | "invalid" {
  let key: string | null = null;
  for (const [name, value] of entries) {
    if (name !== ATTEMPT_KEY_FIELD) continue;
    if (key !== null || typeof value !== "string" || !KEY_PATTERN.test(value)) return "invalid";
    key = value;
  }
  return key;
}

/** A new random key (122 random bits as a UUID where the browser has one). */
export function newAttemptKey(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === "function") return c.randomUUID();
  const bytes = c.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
