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
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { getEnv } from "~/env.server";
import { COURSE_PARTS, STAFF_PARTS, type Area } from "./areas";
import { defaultLocale, type Locale } from "./config";
import { getI18n, type I18n, type Resources, type Strings } from "./i18n";

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

/** i18next's resources for a locale: its own strings, and Vietnamese to fall back on. */
function resourcesFor(locale: Locale): Resources {
  return { [locale]: ownStrings(locale) as Strings, [defaultLocale]: ownStrings(defaultLocale) as Strings };
}

const filled = new Set<Locale>();

/** The locale's i18next instance with every string (built once; the pages' instance on the server). */
export function serverI18n(locale: Locale): I18n {
  const i18n = getI18n(locale);
  if (!filled.has(locale)) {
    i18n.add(resourcesFor(locale));
    filled.add(locale);
  }
  return i18n;
}

/* ---------- String assets: per locale and area, hashed, immutable (areas.ts) ---------- */

/** `part` of a namespace tree ("a.b" → { a: { b } }), or nothing. */
function pick(tree: Tree | undefined, keyPath: string): Tree | null {
  if (!tree) return null;
  if (!keyPath) return tree;
  const [head, ...rest] = keyPath.split(".");
  const value = tree[head!];
  if (value === undefined) return null;
  if (rest.length === 0 || typeof value !== "object") return { [head!]: value };
  const inner = pick(value, rest.join("."));
  return inner ? { [head!]: inner } : null;
}

function mergeInto(to: Tree, from: Tree): void {
  for (const [key, value] of Object.entries(from)) {
    const existing = to[key];
    if (typeof value === "object" && typeof existing === "object") mergeInto(existing, value);
    else to[key] = typeof value === "object" ? structuredClone(value) : value;
  }
}

/** `tree` without what `remove` holds. */
function subtract(tree: Tree, remove: Tree): Tree {
  const out: Tree = {};
  for (const [key, value] of Object.entries(tree)) {
    const r = remove[key];
    if (r === undefined) out[key] = value;
    else if (typeof value === "object" && typeof r === "object") {
      const rest = subtract(value, r);
      if (Object.keys(rest).length) out[key] = rest;
    }
  }
  return out;
}

/** The strings named by parts ("ns:key.path"; "ns:" is the whole namespace). */
function select(strings: Strings, parts: readonly string[]): Strings {
  const out: Strings = {};
  for (const part of parts) {
    const [ns = "", keyPath = ""] = part.split(":");
    const picked = pick(strings[ns], keyPath);
    if (picked) mergeInto((out[ns] ??= {}), picked);
  }
  return out;
}

function subtractAll(strings: Strings, remove: Strings): Strings {
  const out: Strings = {};
  for (const [ns, tree] of Object.entries(strings)) {
    const rest = remove[ns] ? subtract(tree, remove[ns]) : tree;
    if (Object.keys(rest).length) out[ns] = rest;
  }
  return out;
}

/** A locale's strings of one area: disjoint from the areas loaded before it (areasFor's order). */
export function areaStrings(strings: Strings, area: Area): Strings {
  const course = select(strings, COURSE_PARTS);
  if (area === "course") return course;
  if (area === "learn") {
    const staff = select(strings, Object.values(STAFF_PARTS).flat());
    return subtractAll(subtractAll(strings, course), staff);
  }
  return subtractAll(select(strings, STAFF_PARTS[area]), course);
}

export interface StringAsset {
  url: string;
  body: Buffer<ArrayBuffer>;
  br: Buffer<ArrayBuffer>;
  gzip: Buffer<ArrayBuffer>;
}

const assets = new Map<string, StringAsset>();
const byFile = new Map<string, StringAsset>();

/**
 * The file of a locale's strings for one area: the locale's own, and for another locale than
 * Vietnamese the Vietnamese strings it lacks (i18next falls back to them, as on the server). Built
 * and compressed once; its name holds its hash, so it is cached for good and a change is a new file.
 */
export function stringAsset(locale: Locale, area: Area): StringAsset {
  const id = `${locale}.${area}`;
  let asset = assets.get(id);
  if (!asset) {
    const own = areaStrings(ownStrings(locale) as Strings, area);
    const resources: Resources = { [locale]: own };
    if (locale !== defaultLocale) {
      const missing = subtractAll(areaStrings(ownStrings(defaultLocale) as Strings, area), own);
      if (Object.keys(missing).length) resources[defaultLocale] = missing;
    }
    const body = Buffer.from(JSON.stringify(resources));
    const hash = createHash("sha256").update(body).digest("base64url").slice(0, 10);
    asset = {
      url: `/assets/strings/${id}-${hash}.json`,
      body,
      br: zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
      gzip: zlib.gzipSync(body, { level: 9 }),
    };
    assets.set(id, asset);
    byFile.set(asset.url.slice("/assets/strings/".length), asset);
  }
  return asset;
}

/** The asset a file name names (after every locale's assets were built: warm-up does it). */
export function stringAssetByFile(file: string): StringAsset | undefined {
  return byFile.get(file);
}

/** Builds every asset of these locales (at start, so that any server answers for any file name). */
export function buildStringAssets(locales: readonly Locale[]): void {
  const areas: Area[] = ["course", "learn", "teach", "report", "admin"];
  for (const locale of locales) {
    serverI18n(locale);
    for (const area of areas) stringAsset(locale, area);
  }
}
