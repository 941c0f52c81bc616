import i18next, { type i18n as I18next, type InitOptions } from "i18next";
import { defaultLocale, type Locale } from "./config";

/** A nested tree of UI strings: keys → … → string. */
export type StringTree = { [key: string]: string | StringTree };
/** One locale's UI strings: namespace → nested keys. */
export type Strings = Record<string, StringTree>;
/** i18next resources: locale → namespace → nested keys (what a string asset holds, too). */
export type Resources = Record<Locale, Strings>;

export type TFunction = (key: string, options?: Record<string, unknown>) => string;

/** What the pages use of a locale's strings: `t` and the locale code. */
export interface I18n {
  language: Locale;
  t: TFunction;
  /** Adds strings (a string asset's, on the browser), deep-merged over what is there. */
  add(resources: Resources): void;
}

/**
 * i18next as the site uses it, on the server and in the browser: `t("namespace:key.path")` with
 * "common" as the default namespace; `{{var}}` interpolation without escaping (React escapes);
 * plurals by `count` (`_zero`, `_one`, `_other`… by Intl.PluralRules); every locale but Vietnamese
 * falls back to Vietnamese string by string; a missing key gives the key back.
 */
export function i18nextOptions(locale: Locale, resources: Resources): InitOptions {
  return {
    lng: locale,
    fallbackLng: locale === defaultLocale ? false : defaultLocale,
    defaultNS: "common",
    resources,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    // A key that names a group of strings gives the key back, never i18next's warning sentence.
    returnedObjectHandler: (key) => key,
  };
}

function create(locale: Locale, resources: Resources): I18n {
  const instance: I18next = i18next.createInstance();
  void instance.init(i18nextOptions(locale, resources));
  return {
    language: locale,
    t: (key, options) => instance.t(key, options as never) as unknown as string,
    add(more) {
      for (const [lng, namespaces] of Object.entries(more)) {
        for (const [ns, tree] of Object.entries(namespaces)) instance.addResourceBundle(lng, ns, tree, true, true);
      }
    },
  };
}

/** One i18next instance per locale, built once and reused by every request and render. */
const instances = new Map<Locale, I18n>();

/**
 * The locale's instance. The server fills it with every string of the locale once
 * (strings.server.ts); the browser with the string assets the page names, before hydrating
 * (entry.client.tsx) and before showing a page of another area (root.tsx's clientLoader).
 */
export function getI18n(locale: Locale): I18n {
  let i18n = instances.get(locale);
  if (!i18n) {
    i18n = create(locale, {});
    instances.set(locale, i18n);
  }
  return i18n;
}

/** A separate instance (tests, tools): not shared with the pages. */
export function createI18n(locale: Locale, resources: Resources): I18n {
  return create(locale, resources);
}

export { defaultLocale };
