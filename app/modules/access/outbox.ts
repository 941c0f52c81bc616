/**
 * The outbox: quiz and practice answers submitted without a network, kept on the device and sent
 * when the network returns. Pure rules over a Storage-like object (unit-tested); the browser glue
 * is outbox-store.ts. Each entry carries the attempt key that was posted with it, so sending it
 * twice (two tabs, a lost response) still records one attempt on the server.
 */
export const OUTBOX_STORAGE_KEY = "bdhvs-outbox";

export type OutboxState = "waiting" | "recorded" | "failed";

export interface OutboxItem {
  /** The attempt key (also in `fields`). */
  key: string;
  /** Where the form posts: the page's own path and query, e.g. "/vi/modules/m/l?index". */
  action: string;
  /** The form's fields as posted. */
  fields: [string, string][];
  /** The lesson or practice title, for messages. */
  title: string;
  /** The page the answers were given on (to open it again). */
  page: string;
  queuedAt: string;
  state: OutboxState;
  tries: number;
  /** The result page, once recorded. */
  resultUrl?: string;
}

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function isItem(value: unknown): value is OutboxItem {
  if (!value || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.key === "string" &&
    typeof v.action === "string" &&
    v.action.startsWith("/") &&
    !v.action.startsWith("//") &&
    Array.isArray(v.fields) &&
    v.fields.every((f) => Array.isArray(f) && f.length === 2 && typeof f[0] === "string" && typeof f[1] === "string") &&
    typeof v.title === "string" &&
    typeof v.page === "string" &&
    (v.state === "waiting" || v.state === "recorded" || v.state === "failed")
  );
}

export function readOutbox(store: KeyValueStore): OutboxItem[] {
  try {
    const parsed: unknown = JSON.parse(store.getItem(OUTBOX_STORAGE_KEY) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter(isItem) : [];
  } catch {
    return [];
  }
}

export function writeOutbox(store: KeyValueStore, items: OutboxItem[]): void {
  store.setItem(OUTBOX_STORAGE_KEY, JSON.stringify(items));
}

/** Adds answers to send later; the same key twice is kept once. */
export function enqueue(items: OutboxItem[], item: Omit<OutboxItem, "state" | "tries">): OutboxItem[] {
  if (items.some((i) => i.key === item.key)) return items;
  return [...items, { ...item, state: "waiting", tries: 0 }];
}

/** What happened when an entry was sent. */
export type SendOutcome =
  | { kind: "recorded"; resultUrl: string }
  /** The server looked at it and refused it (a lesson gone, answers no longer valid): do not retry. */
  | { kind: "refused" }
  /** No network, or the server could not answer: try again later. */
  | { kind: "retry" };

export function applyOutcome(items: OutboxItem[], key: string, outcome: SendOutcome): OutboxItem[] {
  return items.map((item) => {
    if (item.key !== key) return item;
    if (outcome.kind === "recorded") return { ...item, state: "recorded", resultUrl: outcome.resultUrl };
    if (outcome.kind === "refused") return { ...item, state: "failed" };
    return { ...item, tries: item.tries + 1 };
  });
}

export function dismiss(items: OutboxItem[], key: string): OutboxItem[] {
  return items.filter((i) => i.key !== key || i.state === "waiting");
}

/**
 * Sends every waiting entry once, one after the other, re-reading the store before each so that
 * another tab's progress is seen. Stops at the first "retry": the network is still down.
 */
export async function flushOutbox(store: KeyValueStore, send: (item: OutboxItem) => Promise<SendOutcome>): Promise<number> {
  let sent = 0;
  for (;;) {
    const next = readOutbox(store).find((i) => i.state === "waiting");
    if (!next) return sent;
    const outcome = await send(next);
    writeOutbox(store, applyOutcome(readOutbox(store), next.key, outcome));
    if (outcome.kind === "retry") return sent;
    sent += 1;
  }
}

/** Reads a response to a replayed form post: the server redirects to the result when it recorded it. */
export function outcomeOf(response: { redirected: boolean; url: string; status: number }): SendOutcome {
  const path = response.url ? new URL(response.url).pathname : "";
  if (response.redirected && /\/attempts\/[^/]+$/.test(path)) return { kind: "recorded", resultUrl: path };
  if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) return { kind: "refused" };
  return { kind: "retry" };
}
