import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * One vocabulary (issue 11, "Words"): every interface string in vi and en uses the glossary's
 * word for each concept and none of the words it lists to avoid (docs/glossary.md).
 */
const root = path.resolve(__dirname, "../..");
const LOCALES = path.join(root, "app/i18n/locales");
/** Officials import and export CSV files by that name. */
const CSV_ALLOWED = new Set(["reports", "units"]);

interface Entry {
  concept: string;
  vi: string[];
  en: string[];
  avoid: { vi: string[]; en: string[] };
}

function readGlossary(): Entry[] {
  const text = readFileSync(path.join(root, "docs/glossary.md"), "utf8");
  const rows = text.split("\n").filter((line) => /^\|/.test(line) && !/^\|\s*(Concept|---)/.test(line));
  const list = (cell: string) =>
    cell
      .split(";")
      .map((s) => s.trim())
      .filter((s) => s && s !== "—");
  return rows.map((line) => {
    const cells = line.split("|").slice(1, -1);
    return {
      concept: cells[0]!.trim(),
      vi: list(cells[1]!),
      en: list(cells[2]!),
      avoid: { vi: list(cells[3]!), en: list(cells[4]!) },
    };
  });
}

function strings(locale: string): { namespace: string; key: string; text: string }[] {
  const out: { namespace: string; key: string; text: string }[] = [];
  for (const file of readdirSync(path.join(LOCALES, locale)).filter((f) => f.endsWith(".json"))) {
    const namespace = file.replace(/\.json$/, "");
    const walk = (value: unknown, key: string) => {
      if (typeof value === "string") out.push({ namespace, key, text: value.replace(/\{\{[^}]*\}\}/g, " ") });
      else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, key ? `${key}.${k}` : k);
    };
    walk(JSON.parse(readFileSync(path.join(LOCALES, locale, file), "utf8")), "");
  }
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A whole word or phrase, any case, or its plural (Vietnamese letters count as word characters). */
const phrase = (term: string) => new RegExp(`(?<![\\p{L}\\p{N}-])${escape(term)}s?(?![\\p{L}\\p{N}-])`, "iu");

describe("the glossary of interface terms", () => {
  const glossary = readGlossary();

  it("is a table of concepts, each with its vi and en word", () => {
    expect(glossary.length).toBeGreaterThanOrEqual(10);
    for (const entry of glossary) {
      expect(entry.vi.length, entry.concept).toBeGreaterThan(0);
      expect(entry.en.length, entry.concept).toBeGreaterThan(0);
    }
    expect(glossary.map((e) => e.vi[0])).toEqual(expect.arrayContaining(["chủ đề", "thực hành", "chứng nhận", "Đại sứ số"]));
  });

  for (const locale of ["vi", "en"] as const) {
    it(`holds every ${locale} string to it`, () => {
      const found: string[] = [];
      for (const s of strings(locale)) {
        for (const entry of glossary) {
          for (const avoid of entry.avoid[locale]) {
            if (avoid === "CSV" && CSV_ALLOWED.has(s.namespace)) continue;
            if (phrase(avoid).test(s.text)) found.push(`${locale}/${s.namespace}.json ${s.key}: "${avoid}" (say "${entry[locale][0]}")`);
          }
        }
      }
      expect(found).toEqual([]);
    });
  }

  it("catches a word to avoid, and not the same letters inside another word", () => {
    expect(phrase("module").test("Every module")).toBe(true);
    expect(phrase("module").test("Modules")).toBe(true);
    expect(phrase("module").test("submodule")).toBe(false);
    expect(phrase("học phần").test("Học phần bắt buộc")).toBe(true);
    expect(phrase("email").test("e-mail")).toBe(false);
  });
});
