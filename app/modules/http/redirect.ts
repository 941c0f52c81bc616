/**
 * The one check for every address the app sends a visitor to after a form ("redirectTo", "back").
 *
 * The target is parsed as a URL against a placeholder origin standing for this site, so the
 * browser's own rules decide what it means: it must stay on the same origin, keep its path exactly
 * as written (no dot segments, no backslashes turned into slashes), hold no control, format or
 * whitespace character (tab, CR, LF, NUL, U+2028/2029, zero-width…, also percent-encoded), and
 * start with `/<locale>`. Anything else is null, and the caller falls back to its default page.
 */
const SITE = "https://site.invalid";
const MAX_LENGTH = 1000;
/** Whitespace, control, format, line and paragraph separators: what browsers drop or choke on. */
const UNSAFE = /[\s\p{Cc}\p{Cf}\p{Zl}\p{Zp}\\]/u;

export function safeRedirectPath(target: unknown, locale: string): string | null {
  if (typeof target !== "string" || target.length === 0 || target.length > MAX_LENGTH) return null;
  if (!target.startsWith("/") || target.startsWith("//") || UNSAFE.test(target)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    return null;
  }
  if (UNSAFE.test(decoded) || decoded.includes("//")) return null;
  let url: URL;
  try {
    url = new URL(target, SITE);
  } catch {
    return null;
  }
  if (url.origin !== SITE) return null;
  const path = url.pathname + url.search + url.hash;
  if (path !== target) return null;
  if (url.pathname !== `/${locale}` && !url.pathname.startsWith(`/${locale}/`)) return null;
  return path;
}

/** The target when it is safe, otherwise the fallback (a page of this site the caller chose). */
export function safeRedirect(target: unknown, locale: string, fallback: string): string {
  return safeRedirectPath(target, locale) ?? fallback;
}

/**
 * A form's action that lands on the form after a plain post (`#<formId>`) and keeps the page's
 * return address: an action of "#id" alone would post to the bare path, and a form shown again
 * with an error would then have forgotten where to send the person once it succeeds.
 */
export function actionKeepingReturn(redirectTo: string | null, formId: string): string {
  return `${redirectTo ? `?${new URLSearchParams({ redirectTo })}` : ""}#${formId}`;
}
