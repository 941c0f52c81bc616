import { DISPLAY_HEAD_SCRIPT } from "./preferences";

/**
 * The page's side of the service worker (public/sw.js): registering it, telling it which page
 * was opened (so that page opens offline later) and asking it to save a whole topic.
 */
export interface OfflinePageStrings {
  title: string;
  body: string;
  none: string;
  home: string;
}

export const PAGES_CACHE = "bdhvs-pages-v1";

export function offlineSupported(): boolean {
  return typeof navigator !== "undefined" && "serviceWorker" in navigator && typeof caches !== "undefined";
}

async function worker(): Promise<ServiceWorker | null> {
  if (!offlineSupported()) return null;
  const registration = await navigator.serviceWorker.ready;
  return registration.active;
}

let registered = false;

/** Registers the service worker once per page load; then remembers the page shown. */
export function startOffline(page: { path: string; lang: string; strings: OfflinePageStrings }): void {
  if (!offlineSupported()) return;
  if (!registered) {
    registered = true;
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => undefined);
  }
  // The head script lets the offline page show the learner's text size and contrast too.
  void worker().then((sw) => sw?.postMessage({ type: "keep", ...page, headScript: DISPLAY_HEAD_SCRIPT }));
}

/** Saves pages (a topic's lessons) for offline use, reporting progress; resolves with the counts. */
export async function savePages(
  paths: string[],
  onProgress: (done: number, total: number) => void,
): Promise<{ saved: number; failed: number }> {
  const sw = await worker();
  if (!sw) return { saved: 0, failed: paths.length };
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event: MessageEvent<{ done: number; total: number; failed: number; finished?: boolean }>) => {
      const { done, total, failed, finished } = event.data;
      onProgress(done, total);
      if (finished) resolve({ saved: done - failed, failed });
    };
    sw.postMessage({ type: "save", paths }, [channel.port2]);
  });
}

/** Which of these pages are kept for offline use already. */
export async function savedPages(paths: string[]): Promise<Set<string>> {
  if (!offlineSupported() || !(await caches.has(PAGES_CACHE))) return new Set();
  const cache = await caches.open(PAGES_CACHE);
  const found = await Promise.all(paths.map(async (p) => ((await cache.match(p)) ? p : null)));
  return new Set(found.filter((p): p is string => p !== null));
}
