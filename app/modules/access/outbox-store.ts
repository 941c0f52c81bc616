import { useSyncExternalStore } from "react";
import { dismiss, enqueue, flushOutbox, outcomeOf, readOutbox, writeOutbox, type OutboxItem, type SendOutcome } from "./outbox";

/** The browser side of the outbox: localStorage, a store for React, and sending with fetch. */
const EMPTY: OutboxItem[] = [];
let snapshot: OutboxItem[] = EMPTY;
const listeners = new Set<() => void>();
/** Entries a page is showing itself (next to its form), so the site-wide notice leaves them out. */
export const shownInline = new Set<string>();

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function refreshOutbox(): void {
  const store = storage();
  snapshot = store ? readOutbox(store) : EMPTY;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  if (!listeners.size) {
    refreshOutbox();
    window.addEventListener("storage", refreshOutbox);
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (!listeners.size) window.removeEventListener("storage", refreshOutbox);
  };
}

export function useOutbox(): OutboxItem[] {
  return useSyncExternalStore(
    subscribe,
    () => snapshot,
    () => EMPTY,
  );
}

async function send(item: OutboxItem): Promise<SendOutcome> {
  try {
    // A plain form post to the same address as the form: the server answers a recorded attempt
    // with a redirect to its result, and a key it has seen with that same earlier attempt.
    const response = await fetch(item.action, {
      method: "POST",
      body: new URLSearchParams(item.fields),
      credentials: "same-origin",
      headers: { Accept: "text/html" },
    });
    return outcomeOf(response);
  } catch {
    return { kind: "retry" };
  }
}

let flushing: Promise<void> | null = null;

/**
 * Sends what waits, if the browser thinks it is online: one run at a time in this tab, and across
 * tabs too where the browser has Web Locks. Two tabs sending the same guest's answers at once
 * would each arrive without the session cookie the other is about to receive, and make two guests.
 */
export function flushNow(): Promise<void> {
  const store = storage();
  if (!store || navigator.onLine === false) return Promise.resolve();
  const run = () => flushOutbox(store, send);
  flushing ??= (navigator.locks ? navigator.locks.request("bdhvs-outbox", run) : run())
    .then(
      () => undefined,
      () => undefined,
    )
    .finally(() => {
      flushing = null;
      refreshOutbox();
    });
  return flushing;
}

export function keepAnswers(item: Omit<OutboxItem, "state" | "tries">): void {
  const store = storage();
  if (!store) throw new Error("no storage on this device");
  writeOutbox(store, enqueue(readOutbox(store), item));
  refreshOutbox();
  void flushNow();
}

export function dismissAnswers(key: string): void {
  const store = storage();
  if (!store) return;
  writeOutbox(store, dismiss(readOutbox(store), key));
  refreshOutbox();
}
