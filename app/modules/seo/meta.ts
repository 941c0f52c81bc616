import type { MetaDescriptor } from "@remix-run/react";
import { defaultLocale, switchLocalePath } from "~/i18n/config";
import { CARD_HEIGHT, CARD_WIDTH } from "./card";

/**
 * What a public page tells search engines and link-preview bots (Zalo, Facebook), which read the
 * HTML without running JavaScript: its canonical address, the same page in the other languages
 * (hreflang), and the Open Graph preview (title, description, card image, locale, address).
 * Addresses are absolute, from the site's origin (PUBLIC_URL; see siteOrigin), never from the
 * request's Host header.
 */

/** What the root loader gives every page about the site. */
export interface SiteInfo {
  /** The site's origin without a trailing slash, e.g. "https://hoc.example.vn". */
  origin: string;
  /** Every locale served, the default first. */
  locales: readonly string[];
  siteName: string;
}

export interface SharedPage {
  title: string;
  description?: string;
  /** A card image's path on this site, e.g. "/vi/cards/scam-avoidance.png?v=…", with its text. */
  image?: { path: string; alt: string } | null;
  /** "article" for a lesson or practice, "website" for the rest. */
  type?: "website" | "article";
  /** false: a preview, but no canonical link or alternates and `noindex` (a certificate's page). */
  indexable?: boolean;
}

/** Open Graph's locale form: language_TERRITORY. The course is Vietnam's; English is shown as en_US. */
export function ogLocale(locale: string): string {
  return locale === "en" ? "en_US" : `${locale}_VN`;
}

/** The page's address without query or trailing slash: the canonical one. */
export function canonicalPath(pathname: string): string {
  return pathname.replace(/\/+$/, "") || "/";
}

/** The same page in every locale (hreflang), and x-default: the default locale's. */
export function alternates(pathname: string, locales: readonly string[]): { hrefLang: string; path: string }[] {
  const path = canonicalPath(pathname);
  const inLocale = (l: string) => switchLocalePath(path, "", l, locales);
  return [...locales.map((l) => ({ hrefLang: l, path: inLocale(l) })), { hrefLang: "x-default", path: inLocale(defaultLocale) }];
}

/** The meta tags and links of a public page in `locale` at `pathname`. */
export function sharedPageMeta(site: SiteInfo | undefined, locale: string, pathname: string, page: SharedPage): MetaDescriptor[] {
  const tags: MetaDescriptor[] = [{ title: page.title }];
  if (page.description) tags.push({ name: "description", content: page.description });
  if (!site) return tags;
  const url = `${site.origin}${canonicalPath(pathname)}`;
  const indexable = page.indexable ?? true;
  if (indexable) {
    tags.push({ tagName: "link", rel: "canonical", href: url });
    for (const alt of alternates(pathname, site.locales)) {
      tags.push({ tagName: "link", rel: "alternate", hrefLang: alt.hrefLang, href: `${site.origin}${alt.path}` });
    }
  } else {
    tags.push({ name: "robots", content: "noindex" });
  }
  tags.push(
    { property: "og:type", content: page.type ?? "website" },
    { property: "og:site_name", content: site.siteName },
    { property: "og:title", content: page.title },
    { property: "og:url", content: url },
    { property: "og:locale", content: ogLocale(locale) },
    ...site.locales.filter((l) => l !== locale).map((l) => ({ property: "og:locale:alternate", content: ogLocale(l) })),
  );
  if (page.description) tags.push({ property: "og:description", content: page.description });
  if (page.image) {
    tags.push(
      { property: "og:image", content: `${site.origin}${page.image.path}` },
      { property: "og:image:type", content: "image/png" },
      { property: "og:image:width", content: String(CARD_WIDTH) },
      { property: "og:image:height", content: String(CARD_HEIGHT) },
      { property: "og:image:alt", content: page.image.alt },
    );
  }
  tags.push({ name: "twitter:card", content: page.image ? "summary_large_image" : "summary" });
  return tags;
}

interface MetaArgsLike {
  matches: readonly { id: string; data?: unknown }[];
  location: { pathname: string };
}

/**
 * A route's meta function for a public page: `export const meta = ({ data, ...args }) =>
 * publicPageMeta(args, data && { title: …, description: … })`. The site and the locale come from
 * the root loader (`site`, `locale`).
 */
export function publicPageMeta(args: MetaArgsLike, page: SharedPage | null | undefined): MetaDescriptor[] {
  if (!page) return [];
  const root = args.matches.find((m) => m.id === "root")?.data as { site?: SiteInfo; locale?: string } | undefined;
  return sharedPageMeta(root?.site, root?.locale ?? defaultLocale, args.location.pathname, page);
}
