import { areasFor } from "~/i18n/areas";
import { localeFromPath, negotiateLocale } from "~/i18n/config";
import { supportedLocales, translate } from "~/i18n/locale.server";
import { stringAsset } from "~/i18n/strings.server";
import { getCurrentLearner } from "~/modules/accounts/session.server";
import { headerLinks } from "~/modules/classes/nav.server";
import { encodeDisplay } from "~/modules/access/preferences";
import { displayForRequest } from "~/modules/access/preferences.server";
import { siteOrigin } from "~/modules/http/public-url.server";
import type { SiteInfo } from "~/modules/seo/meta";
import { getDb } from "~/db.server";

/**
 * What every page's root loader sends (app/root.tsx): the locale and its string files, the
 * language switch, who is signed in, their header links and display settings, the site's address.
 *
 * `nameSlot`: for a page template (server/page-templates.mjs), the learner's name is rendered as
 * this placeholder, which the server replaces with each learner's own name; the rest of what is
 * here about the learner (kind, links, display) is part of the template's key (`templateKey`).
 */
export async function rootData(request: Request, { nameSlot }: { nameSlot?: string } = {}) {
  const url = new URL(request.url);
  const locales = supportedLocales();
  const locale = localeFromPath(url.pathname, locales) ?? negotiateLocale(request.headers.get("Accept-Language"), locales);
  const learner = await getCurrentLearner(request).catch((error: unknown) => {
    // The page can still be shown without knowing who is signed in.
    console.error(error);
    return null;
  });
  // Text size and contrast saved for this learner (or, without JavaScript, in a cookie).
  const display = await getDb()
    .then((db) => displayForRequest(db, { request, learnerId: learner?.id ?? null }))
    .catch(() => null);
  const displayName = learner?.display_name ?? null;
  return {
    locale,
    // The string files this page's browser needs (app/i18n/areas.ts): hashed, cached once per device.
    strings: areasFor(url.pathname).map((area) => stringAsset(locale, area).url),
    // Each language named in itself, for the language switch.
    languages: locales.map((code) => ({ code, name: translate(code, "meta.languageName") })),
    learner: learner ? { kind: learner.kind, displayName: displayName !== null && nameSlot ? nameSlot : displayName } : null,
    // Classes, administration and "switch learner" links, for those who have them.
    classLinks: await headerLinks(request, learner).catch(() => null),
    display: display ? encodeDisplay(display) : null,
    // For canonical links, language alternates and link previews (modules/seo/meta.ts).
    site: { origin: siteOrigin(), locales, siteName: translate(locale, "site.name") } satisfies SiteInfo,
  };
}

type RootData = Awaited<ReturnType<typeof rootData>>;

/** The key of a page template (see templateKey): the root's data with the name, if any, as "\u0000". */
export function keyOf(data: RootData, nameSlot: string): string {
  const named = data.learner && data.learner.displayName === nameSlot;
  return JSON.stringify(named ? { ...data, learner: { ...data.learner, displayName: "\u0000" } } : data);
}

/**
 * A page template's key for this request (server/page-templates.mjs): everything the root sends
 * with the learner's name left out (only whether there is one), so that two learners share a
 * template exactly when their pages differ by nothing but the name. With the name to put in it.
 */
export async function templateKey(request: Request): Promise<{ key: string; name: string | null }> {
  const slot = "\u0000";
  const data = await rootData(request, { nameSlot: slot });
  const name = data.learner?.displayName === slot ? ((await getCurrentLearner(request))?.display_name ?? null) : null;
  return { key: keyOf(data, slot), name };
}
