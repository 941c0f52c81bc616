import { ATTEMPT_KEY_FIELD, newAttemptKey } from "./attempt-key";
import { enqueue, readOutbox, writeOutbox } from "./outbox";

/** What a form's clientAction returns when the answers were kept on the device to send later. */
export interface KeptOffline {
  queued: true;
  key: string;
}

export function isKeptOffline(value: unknown): value is KeptOffline {
  return !!value && typeof value === "object" && (value as { queued?: unknown }).queued === true;
}

/** Without a network (navigator.onLine false) nothing can be sent: `fetch` fails with a TypeError. */
function isNetworkFailure(error: unknown): boolean {
  return error instanceof TypeError;
}

/**
 * A quiz or practice clientAction: sends the answers as usual; when there is no network, keeps
 * them on the device (the outbox) with their attempt key and returns `{ queued: true }`, so
 * nothing answered offline is lost. They are sent when the network returns.
 */
export async function submitOrKeep<T>({
  request,
  serverAction,
  title,
}: {
  request: Request;
  serverAction: () => Promise<T>;
  title: string;
}): Promise<T | KeptOffline> {
  const form = await request.clone().formData();
  const keep = (): KeptOffline => {
    const fields = [...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string");
    let key = form.get(ATTEMPT_KEY_FIELD);
    if (typeof key !== "string" || !key) {
      key = newAttemptKey();
      fields.push([ATTEMPT_KEY_FIELD, key]);
    }
    const url = new URL(request.url);
    const item = {
      key,
      action: url.pathname + url.search,
      fields,
      title,
      page: window.location.pathname,
      queuedAt: new Date().toISOString(),
    };
    writeOutbox(localStorage, enqueue(readOutbox(localStorage), item));
    // The site-wide status shows it and sends it as soon as the network is back (OfflineStatus).
    window.dispatchEvent(new Event("bdhvs-outbox"));
    return { queued: true, key };
  };
  if (navigator.onLine === false) return keep();
  try {
    return await serverAction();
  } catch (error) {
    if (isNetworkFailure(error)) return keep();
    throw error;
  }
}

/**
 * Offline, a form that is not filled in completely cannot be checked by the server: say so before
 * keeping it. Every question needs a choice; every order step a distinct position.
 */
export function isFilledIn(form: HTMLFormElement): boolean {
  return Array.from(form.querySelectorAll("fieldset.question")).every((fieldset) => {
    const selects = Array.from(fieldset.querySelectorAll("select"));
    if (selects.length) {
      const values = selects.map((s) => s.value);
      return values.every(Boolean) && new Set(values).size === values.length;
    }
    return !!fieldset.querySelector("input:checked");
  });
}
