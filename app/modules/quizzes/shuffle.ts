/**
 * The order a quiz's options are shown in: shuffled per attempt, deterministic for that attempt.
 * The lesson page draws a seed, shows the options in the order it gives and posts it back in a
 * hidden field; the attempt stores it, so the result page shows the same order. The seed is not a
 * secret (no option is ever marked on the page) and never affects grading, which is by option id.
 */

/** The hidden field the lesson page posts the seed in. */
export const SHUFFLE_SEED_FIELD = "shuffleSeed";

/** Seeds are whole numbers 1 … 2^31−1 (they fit an SQL integer in both dialects). */
export const MAX_SEED = 2 ** 31 - 1;

export function isSeed(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= MAX_SEED;
}

/** A new random seed (the server draws one for each lesson page it renders). */
export function newSeed(random: () => number = Math.random): number {
  return 1 + Math.min(MAX_SEED - 1, Math.floor(random() * MAX_SEED));
}

/** The posted seed: null when there is none (an older page), "invalid" for anything a real form could not send. */
export function readSeed(entries: Iterable<[string, unknown]>): number | null | "invalid" {
  let seed: number | null = null;
  for (const [name, value] of entries) {
    if (name !== SHUFFLE_SEED_FIELD) continue;
    if (seed !== null || typeof value !== "string" || !/^[1-9][0-9]{0,9}$/.test(value)) return "invalid";
    const n = Number(value);
    if (!isSeed(n)) return "invalid";
    seed = n;
  }
  return seed;
}

/** FNV-1a over the question id, mixed with the seed: each question gets its own order. */
function mix(seed: number, salt: string): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < salt.length; i++) {
    h ^= salt.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small, well-spread 32-bit generator. */
function generator(state: number): () => number {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The items in the order `seed` gives for `salt` (a question id): a permutation, the same every time. */
export function shuffled<T>(items: readonly T[], seed: number, salt = ""): T[] {
  const out = [...items];
  const next = generator(mix(seed, salt));
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Every question's options in the attempt's order; file order when there is no seed (older attempts). */
export function orderOptions<Q extends { id: string; options: readonly unknown[] }>(questions: readonly Q[], seed: number | null): Q[] {
  if (seed === null) return [...questions];
  return questions.map((q) => ({ ...q, options: shuffled(q.options, seed, q.id) }));
}
