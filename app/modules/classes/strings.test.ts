import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "~/i18n/locales/en/classes.json";
import vi from "~/i18n/locales/vi/classes.json";

type Tree = { [key: string]: string | Tree };
const keys = (tree: Tree, prefix = ""): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return sources(file);
    return /\.(tsx?|mts)$/.test(e.name) && !e.name.endsWith(".test.ts") ? [file] : [];
  });
}

describe("the classes namespace", () => {
  it("has the same keys in Vietnamese and English", () => {
    expect(keys(en as Tree).sort()).toEqual(keys(vi as Tree).sort());
  });
  it("has every key the pages use, in both languages", () => {
    // A key used whole, or a subtree named whole (app/i18n/areas.ts gives each area its subtrees).
    const leaves = keys(vi as Tree).map((k) => k.replace(/_(one|other)$/, ""));
    const available = new Set(leaves.flatMap((k) => k.split(".").map((_, i, parts) => parts.slice(0, i + 1).join("."))));
    const used = new Set<string>();
    for (const file of sources("app")) {
      for (const match of fs.readFileSync(file, "utf8").matchAll(/["'`]classes:([A-Za-z0-9_.]*[A-Za-z0-9_])["'`]/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((k) => !available.has(k))).toEqual([]);
  });
});
