import enCertificates from "./locales/en/certificates.json";
import enCommon from "./locales/en/common.json";
import enPractice from "./locales/en/practice.json";
import viCertificates from "./locales/vi/certificates.json";
import viCommon from "./locales/vi/common.json";
import viPractice from "./locales/vi/practice.json";
import { defaultLocale, type Locale } from "./config";
import { getI18n, type Strings } from "./i18n";

type Tree = { [key: string]: string | Tree };

/** One JSON file per namespace and locale; keys are used as t("namespace:key") (common needs no prefix). */
export const namespaces = ["common", "practice", "certificates"] as const;
type Namespace = (typeof namespaces)[number];

const catalogues: Record<Locale, Record<Namespace, Tree>> = {
  vi: { common: viCommon, practice: viPractice, certificates: viCertificates },
  en: { common: enCommon, practice: enPractice, certificates: enCertificates },
};

/** `over` wins; whatever it lacks comes from `base`: a string missing in one locale falls back to vi. */
function merge(base: Tree, over: Tree | undefined): Tree {
  const out: Tree = { ...base };
  for (const [key, value] of Object.entries(over ?? {})) {
    const b = base[key];
    out[key] = typeof value === "object" && typeof b === "object" ? merge(b, value) : value;
  }
  return out;
}

const merged = new Map<Locale, Strings>();

/** A locale's UI strings, with each missing string taken from Vietnamese. Computed once. */
export function stringsFor(locale: Locale): Strings {
  let strings = merged.get(locale);
  if (!strings) {
    const base = catalogues[defaultLocale];
    const own = catalogues[locale];
    strings = Object.fromEntries(namespaces.map((ns) => [ns, merge(base[ns], own[ns])]));
    merged.set(locale, strings);
  }
  return strings;
}

const serialised = new Map<Locale, string>();

/** The same strings as one JSON string, serialised once, for the root loader to send. */
export function stringsJsonFor(locale: Locale): string {
  let json = serialised.get(locale);
  if (!json) {
    json = JSON.stringify(stringsFor(locale));
    serialised.set(locale, json);
  }
  return json;
}

export function serverI18n(locale: Locale) {
  return getI18n(locale, stringsFor(locale));
}
