import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { createTranslator, type StringTree, type Strings } from "./i18n";
import { namespaces, stringsFor } from "./strings.server";

/** Every string key of a tree, with its plural suffix removed ("a.b_one" → "a.b"). */
function keysOf(tree: StringTree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}${key.replace(/_(zero|one|two|few|many|other)$/, "")}`] : keysOf(value, `${prefix}${key}.`),
  );
}

/** i18next set up as the project used it before the small translator replaced it. */
function reference(locale: string, strings: Strings) {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: false,
    ns: Object.keys(strings),
    defaultNS: "common",
    resources: { [locale]: strings },
    initImmediate: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

describe("the small translator says exactly what i18next said", () => {
  for (const locale of ["vi", "en"]) {
    it(`for every ${locale} string, with and without counts and variables`, () => {
      const strings = stringsFor(locale);
      const ours = createTranslator(locale, strings);
      const theirs = reference(locale, strings);
      let compared = 0;
      for (const ns of namespaces) {
        for (const key of new Set(keysOf(strings[ns] ?? {}))) {
          const full = ns === "common" ? key : `${ns}:${key}`;
          const variables = {
            name: "Lan <b>",
            title: "Bài 1",
            percent: 80,
            number: 2,
            total: 5,
            correct: 3,
            position: 1,
            score: 90,
            mastered: 1,
            done: 0,
          };
          for (const options of [
            undefined,
            variables,
            { ...variables, count: 0 },
            { ...variables, count: 1 },
            { ...variables, count: 7 },
            { count: 2 },
          ]) {
            expect(ours(full, options), `${locale} ${full} ${JSON.stringify(options)}`).toBe(theirs.t(full, options));
            compared += 1;
          }
        }
      }
      expect(compared).toBeGreaterThan(500);
    });
  }

  it("handles missing keys, missing variables and nested variables like i18next", () => {
    const strings: Strings = {
      common: { a: "Hi {{name}}, {{user.name}} {{- raw}}", n_one: "{{count}} item", n_other: "{{count}} items", n_zero: "none" },
      x: { y: { z: "deep" } },
    };
    const ours = createTranslator("en", strings);
    const theirs = reference("en", strings);
    for (const [key, options] of [
      ["a", undefined],
      ["a", { name: "Lan", user: { name: "Minh" }, raw: "<i>" }],
      ["a", { name: undefined, user: null }],
      ["n", { count: 0 }],
      ["n", { count: 1 }],
      ["n", { count: 3 }],
      ["n", { count: "3" }],
      ["x:y.z", undefined],
      ["missing.key", undefined],
      ["x:missing", undefined],
    ] as const) {
      expect(ours(key, options as Record<string, unknown>), key).toBe(theirs.t(key, options as never));
    }
    // The one difference: a key that names a group of strings gives the key back, not a warning sentence.
    expect(ours("x:y")).toBe("y");
  });
});
