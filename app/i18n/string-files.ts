import { getI18n, type Resources } from "./i18n";

/**
 * The browser's side of the string files (strings.server.ts): each file is fetched once per page
 * load (and, being immutable, once per device) and added to the locale's i18next instance.
 */
const loading = new Map<string, Promise<void>>();

export function loadStrings(locale: string, urls: readonly string[]): Promise<void> {
  return Promise.all(
    urls.map((url) => {
      let done = loading.get(url);
      if (!done) {
        done = fetch(url)
          .then((response) => {
            if (!response.ok) throw new Error(`${url}: ${response.status}`);
            return response.json() as Promise<Resources>;
          })
          .then((resources) => getI18n(locale).add(resources));
        // A file that failed (offline) is asked for again next time.
        done.catch(() => loading.delete(url));
        loading.set(url, done);
      }
      return done;
    }),
  ).then(() => undefined);
}

/** The string files the server named in the page's head (root.tsx), loaded before hydrating. */
export function loadPageStrings(): Promise<void> {
  const links = document.querySelectorAll<HTMLLinkElement>("link[data-strings]");
  return loadStrings(
    document.documentElement.lang,
    [...links].map((link) => link.getAttribute("href") ?? ""),
  );
}
