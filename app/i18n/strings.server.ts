import enAccess from "./locales/en/access.json";
import enAccounts from "./locales/en/accounts.json";
import enCertificates from "./locales/en/certificates.json";
import enClasses from "./locales/en/classes.json";
import enCommon from "./locales/en/common.json";
import enContests from "./locales/en/contests.json";
import enPractice from "./locales/en/practice.json";
import enReports from "./locales/en/reports.json";
import enUnits from "./locales/en/units.json";
import viAccess from "./locales/vi/access.json";
import viAccounts from "./locales/vi/accounts.json";
import viCertificates from "./locales/vi/certificates.json";
import viClasses from "./locales/vi/classes.json";
import viCommon from "./locales/vi/common.json";
import viContests from "./locales/vi/contests.json";
import viPractice from "./locales/vi/practice.json";
import viReports from "./locales/vi/reports.json";
import viUnits from "./locales/vi/units.json";
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "~/env.server";
import { defaultLocale, type Locale } from "./config";
import { getI18n, type Strings } from "./i18n";
import { COURSE_STRINGS, type StringSelection } from "./namespaces";

type Tree = { [key: string]: string | Tree };

/** One JSON file per namespace and locale; keys are used as t("namespace:key") (common needs no prefix). */
export const namespaces = ["common", "practice", "certificates", "classes", "access", "units", "reports", "accounts", "contests"] as const;
type Namespace = (typeof namespaces)[number];

const catalogues: Record<string, Partial<Record<Namespace, Tree>>> = {
  vi: {
    common: viCommon,
    practice: viPractice,
    certificates: viCertificates,
    classes: viClasses,
    access: viAccess,
    units: viUnits,
    reports: viReports,
    accounts: viAccounts,
    contests: viContests,
  },
  en: {
    common: enCommon,
    practice: enPractice,
    certificates: enCertificates,
    classes: enClasses,
    access: enAccess,
    units: enUnits,
    reports: enReports,
    accounts: enAccounts,
    contests: enContests,
  },
};

/** A deployment's own locale: its UI strings, read once from EXTRA_LOCALES_DIR (any may be missing). */
function readExtraCatalogue(locale: Locale): Partial<Record<Namespace, Tree>> {
  const dir = path.join(getEnv().EXTRA_LOCALES_DIR, locale);
  const catalogue: Partial<Record<Namespace, Tree>> = {};
  for (const ns of namespaces) {
    try {
      catalogue[ns] = JSON.parse(fs.readFileSync(path.join(dir, `${ns}.json`), "utf8")) as Tree;
    } catch {
      // not translated yet: every string of this namespace falls back to Vietnamese
    }
  }
  return catalogue;
}

/** The strings a locale has of its own (no fallbacks): what `content:coverage` compares. */
export function ownStrings(locale: Locale): Partial<Record<Namespace, Tree>> {
  return (catalogues[locale] ??= readExtraCatalogue(locale));
}

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
    const base = ownStrings(defaultLocale);
    const own = ownStrings(locale);
    strings = Object.fromEntries(namespaces.map((ns) => [ns, merge(base[ns] ?? {}, own[ns])]));
    merged.set(locale, strings);
  }
  return strings;
}

const serialised = new Map<string, string>();

/** Copies `from`'s value at a key path into `to`, making the branches on the way. */
function copyPath(from: Tree, to: Tree, path: string[]): void {
  const [head, ...rest] = path;
  const value = from[head!];
  if (value === undefined) return;
  if (rest.length === 0 || typeof value !== "object") {
    to[head!] = value;
    return;
  }
  const branch = (to[head!] ??= {}) as Tree;
  copyPath(value as Tree, branch, rest);
}

/** Only what a course page uses (namespaces.ts). */
function courseStrings(strings: Strings): Strings {
  const out: Strings = {};
  for (const ns of COURSE_STRINGS.namespaces) if (strings[ns]) out[ns] = strings[ns];
  for (const [ns, keys] of Object.entries(COURSE_STRINGS.subtrees)) {
    const tree = strings[ns];
    if (!tree) continue;
    const part: Tree = {};
    for (const key of keys) copyPath(tree, part, key.split("."));
    out[ns] = part;
  }
  return out;
}

/** The same strings as one JSON string, serialised once, for the root loader to send. */
export function stringsJsonFor(locale: Locale, selection: StringSelection = "all"): string {
  const id = `${locale}|${selection}`;
  let json = serialised.get(id);
  if (!json) {
    const strings = stringsFor(locale);
    json = JSON.stringify(selection === "course" ? courseStrings(strings) : strings);
    serialised.set(id, json);
  }
  return json;
}

export function serverI18n(locale: Locale) {
  return getI18n(locale, stringsFor(locale));
}
