/**
 * Locales. Vietnamese and English are built in and complete; a deployment may add more (for
 * example an ethnic-minority language) with EXTRA_LOCALES, translating only part of the course and
 * the UI: whatever is missing falls back to Vietnamese. The server decides which locales exist
 * (locale.server.ts) and tells the page through the root loader.
 */
export const builtInLocales = ["vi", "en"] as const;
/** A supported locale code ("vi", "en", or one a deployment added). */
export type Locale = string;
export const defaultLocale: Locale = "vi";

/** The URL's locale, if it starts with a supported one: "/en/modules/x" → "en". */
export function localeFromPath(pathname: string, supported: readonly string[]): Locale | null {
  const first = pathname.split("/")[1];
  return first && supported.includes(first) ? first : null;
}

/** The same page in another locale: "/vi/modules/x?y" → "/en/modules/x?y". */
export function switchLocalePath(pathname: string, search: string, to: Locale, supported: readonly string[]): string {
  const parts = pathname.split("/");
  if (parts[1] && supported.includes(parts[1])) parts[1] = to;
  else parts.splice(1, 0, to);
  const path = parts.join("/").replace(/\/$/, "") || `/${to}`;
  return path + search;
}

/** Picks a supported locale from an Accept-Language header, honouring q-values. */
export function negotiateLocale(header: string | null | undefined, supported: readonly string[]): Locale {
  if (!header) return defaultLocale;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((r) => r.tag && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const base = tag.split("-")[0];
    if (base && supported.includes(base)) return base;
  }
  return defaultLocale;
}
