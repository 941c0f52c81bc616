import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { areasFor, STAFF_PARTS } from "./areas";
import type { Strings, StringTree } from "./i18n";
import { areaStrings, ownStrings } from "./strings.server";

const app = path.resolve(__dirname, "..");

/** Every "ns:key.path" of some strings. */
function keys(strings: Strings): string[] {
  const walk = (tree: StringTree, prefix: string): string[] =>
    Object.entries(tree).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : walk(v, `${prefix}${k}.`)));
  return Object.entries(strings).flatMap(([ns, tree]) => walk(tree, `${ns}:`));
}

/**
 * Source files a learner's pages can run: everything but the staff pages, what only they import
 * (the report parts, the contest organiser, the unit targets and file messages), server-only code
 * (which has every string) and this folder.
 */
function learnerSources(): string[] {
  const staff =
    /^(routes\/(teach|report|admin)\/|components\/(reports\/|contests\/organiser|classes\/organiser)|modules\/(reports\/|units\/(targets|messages)\.)|i18n\/)|\.server\.tsx?$|\.test\.tsx?$/;
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.tsx?$/.test(entry.name) && !staff.test(path.relative(app, file))) files.push(file);
    }
  };
  walk(app);
  return files;
}

describe("string areas", () => {
  it("give each page its area's files, in loading order", () => {
    expect(areasFor("/vi/modules/scam-avoidance/fake-police-calls")).toEqual(["course"]);
    expect(areasFor("/vi")).toEqual(["course", "learn"]);
    expect(areasFor("/en/progress")).toEqual(["course", "learn"]);
    expect(areasFor("/vi/teach/classes/x")).toEqual(["course", "learn", "teach"]);
    expect(areasFor("/vi/report/MAU01")).toEqual(["course", "learn", "report"]);
    expect(areasFor("/vi/admin/roles")).toEqual(["course", "learn", "admin"]);
  });

  for (const locale of ["vi", "en"]) {
    it(`hold every ${locale} string, a learner's in the learner's files only`, () => {
      const all = ownStrings(locale) as Strings;
      const course = keys(areaStrings(all, "course"));
      const learn = keys(areaStrings(all, "learn"));
      const staff = (["teach", "report", "admin"] as const).flatMap((a) => keys(areaStrings(all, a)));
      expect(course.filter((k) => learn.includes(k))).toEqual([]);
      expect(new Set([...course, ...learn, ...staff])).toEqual(new Set(keys(all)));
      expect(learn.filter((k) => staff.includes(k))).toEqual([]);
      expect(course.some((k) => k.startsWith("reports:"))).toBe(false);
      expect(learn.some((k) => k.startsWith("reports:"))).toBe(false);
    });
  }

  it("leave out of a learner's files only strings no learner page uses", () => {
    const sources = learnerSources().map((file) => [path.relative(app, file), readFileSync(file, "utf8")] as const);
    const used: string[] = [];
    for (const part of Object.values(STAFF_PARTS).flat()) {
      // "ns:key" followed by the end of the key, a deeper key or a plural suffix; "ns:" anywhere.
      const mention = new RegExp(`["'\`]${part.replace(/[.]/g, "\\.")}${part.endsWith(":") ? "" : "[.\"'`_$]"}`);
      for (const [file, text] of sources) if (mention.test(text)) used.push(`${part} in ${file}`);
    }
    expect(used).toEqual([]);
  });
});
