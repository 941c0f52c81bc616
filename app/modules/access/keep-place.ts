/**
 * The language switch keeps the learner's place (issue 11): the section they were reading (as the
 * new page's #fragment) and a half-filled quiz or practice (kept for one hop in sessionStorage).
 * Question, option and step ids are shared across locales (decision 10), so the answers mean the
 * same on the other language's page. Without JavaScript the switch is a plain link to the same page.
 */

const STORAGE_KEY = "bdhvs-kept-answers";

/** The page's address without its locale, so /vi/… and /en/… name the same page. */
export function pageKey(pathname: string): string {
  return pathname.replace(/^\/[^/]+/, "");
}

/** The id of the last section or question whose top has scrolled to (or above) the top of the screen. */
export function currentPlace(doc: Document = document): string | null {
  const candidates = Array.from(doc.querySelectorAll<HTMLElement>("main [id]")).filter((el) =>
    el.matches("section, fieldset, article, h2, h3, .score, .error-summary"),
  );
  let place: string | null = null;
  for (const el of candidates) {
    if (el.getBoundingClientRect().top <= 80) place = el.id;
  }
  return place;
}

/**
 * The header is at the top of the page: to reach the language switch the learner scrolls up, and
 * the place under the top of the screen is then the page's start. So the last place read below
 * the header is remembered while scrolling, and the switch uses it.
 */
let lastPlace: string | null = null;

export function trackPlace(): () => void {
  lastPlace = null;
  let queued = false;
  const onScroll = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      lastPlace = currentPlace() ?? lastPlace;
    });
  };
  window.addEventListener("scroll", onScroll, { passive: true });
  return () => window.removeEventListener("scroll", onScroll);
}

export type KeptAnswers = { page: string; fields: [string, string][] };

/** The checked choices and chosen steps of the page's quiz and practice forms. */
export function formFields(doc: Document = document): [string, string][] {
  const fields: [string, string][] = [];
  for (const el of Array.from(doc.querySelectorAll<HTMLInputElement | HTMLSelectElement>("form.quiz input, form.quiz select"))) {
    if (el instanceof HTMLInputElement && (el.type === "hidden" || !el.checked)) continue;
    if (!el.value) continue;
    fields.push([el.name, el.value]);
  }
  return fields;
}

/** Before following a language link: keep the answers and point the link at the same place. */
export function keepPlace(link: HTMLAnchorElement): void {
  const fields = formFields();
  try {
    if (fields.length) sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ page: pageKey(location.pathname), fields }));
  } catch {
    // storage unavailable: the answers stay on this page only
  }
  const place = currentPlace() ?? lastPlace;
  const url = new URL(link.href);
  url.hash = place ? `#${place}` : "";
  link.href = url.toString();
}

/** After arriving: tick what was kept for this page (once), and say whether anything was restored. */
export function restoreKeptAnswers(doc: Document = document): boolean {
  let kept: KeptAnswers | null = null;
  try {
    kept = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? "null") as KeptAnswers | null;
    if (kept?.page === pageKey(location.pathname)) sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    return false;
  }
  if (!kept || kept.page !== pageKey(location.pathname) || !Array.isArray(kept.fields)) return false;
  let restored = false;
  for (const [name, value] of kept.fields) {
    for (const el of Array.from(doc.getElementsByName(name))) {
      if (el instanceof HTMLInputElement && el.value === value) el.checked = restored = true;
      if (el instanceof HTMLSelectElement) {
        el.value = value;
        restored = true;
      }
    }
  }
  return restored;
}
