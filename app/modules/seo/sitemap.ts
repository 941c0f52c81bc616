import { alternates } from "./meta";

/**
 * sitemap.xml (sitemaps.org 0.9): every public course page in every locale, each with its
 * language alternates (xhtml:link hreflang, as Google reads them), the same set as the pages' own
 * <link rel="alternate"> (meta.ts).
 */

const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);

/** Paths without the locale, e.g. "" (home) or "/modules/scam-avoidance/fake-police-calls". */
export function sitemapXml({ origin, locales, paths }: { origin: string; locales: readonly string[]; paths: readonly string[] }): string {
  const out = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">`,
  ];
  for (const path of paths) {
    for (const locale of locales) {
      out.push("<url>", `<loc>${escapeXml(`${origin}/${locale}${path}`)}</loc>`);
      for (const alt of alternates(`/${locale}${path}`, locales)) {
        out.push(`<xhtml:link rel="alternate" hreflang="${escapeXml(alt.hrefLang)}" href="${escapeXml(origin + alt.path)}"/>`);
      }
      out.push("</url>");
    }
  }
  out.push("</urlset>", "");
  return out.join("\n");
}
