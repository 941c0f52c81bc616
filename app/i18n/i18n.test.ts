import { describe, expect, it } from "vitest";
import { createI18n, getI18n, type Resources } from "./i18n";
import { serverI18n, stringAsset } from "./strings.server";

/** What the site's i18next does, as the pages use it (i18n.ts): the cases a translator relies on. */
describe("i18next as the site's translator", () => {
  const resources: Resources = {
    en: {
      common: { a: "Hi {{name}}, {{user.name}} {{- raw}}", n_one: "{{count}} item", n_other: "{{count}} items", n_zero: "none" },
      x: { y: { z: "deep" } },
    },
  };
  const { t } = createI18n("en", resources);

  it("finds keys in the default namespace and in a named one, and gives a missing key back", () => {
    expect(t("x:y.z")).toBe("deep");
    expect(t("missing.key")).toBe("missing.key");
    expect(t("x:missing")).toBe("missing");
    // A key that names a group of strings gives the key back, not a warning sentence.
    expect(t("x:y")).toBe("y");
  });

  it("fills in variables without escaping them (React escapes) and leaves a missing one as written", () => {
    expect(t("a", { name: "Lan <b>", user: { name: "Minh" }, raw: "<i>" })).toBe("Hi Lan <b>, Minh <i>");
    expect(t("a")).toBe("Hi {{name}}, {{user.name}} {{- raw}}");
  });

  it("chooses plurals by count, with a zero form where one is written", () => {
    expect(t("n", { count: 0 })).toBe("none");
    expect(t("n", { count: 1 })).toBe("1 item");
    expect(t("n", { count: 3 })).toBe("3 items");
  });

  it("uses each locale's plural rules: Vietnamese has one form", () => {
    const vi = serverI18n("vi").t;
    const en = serverI18n("en").t;
    expect(vi("limits.tooMany.body", { count: 1 })).toBe(vi("limits.tooMany.body", { count: 5 }).replace("5", "1"));
    expect(en("limits.tooMany.body", { count: 1 })).not.toBe(en("limits.tooMany.body", { count: 5 }).replace("5", "1"));
  });

  it("falls back to Vietnamese string by string for a partly translated locale", () => {
    const qaa = createI18n("qaa", {
      qaa: { common: { nav: { home: "[qaa] Home" } } },
      vi: { common: { nav: { home: "Trang chủ", progress: "Tiến độ" } } },
    });
    expect(qaa.t("nav.home")).toBe("[qaa] Home");
    expect(qaa.t("nav.progress")).toBe("Tiến độ");
  });

  it("is one instance per locale, built once, which string files add to", () => {
    expect(serverI18n("en")).toBe(serverI18n("en"));
    expect(getI18n("en")).toBe(serverI18n("en"));
    const later = getI18n("qab");
    expect(later.t("x:k")).toBe("k");
    later.add({ qab: { x: { k: "loaded" } } });
    expect(later.t("x:k")).toBe("loaded");
  });
});

describe("string files", () => {
  it("have a name that changes with their content", () => {
    const vi = stringAsset("vi", "course");
    expect(vi.url).toMatch(/^\/assets\/strings\/vi\.course-[\w-]{10}\.json$/);
    expect(stringAsset("en", "course").url).not.toBe(vi.url);
    expect(stringAsset("vi", "course")).toBe(vi);
  });

  it("say in the browser what the server says", () => {
    for (const locale of ["vi", "en"]) {
      const browser = createI18n(locale, {});
      for (const area of ["course", "learn", "teach", "report", "admin"] as const)
        browser.add(JSON.parse(stringAsset(locale, area).body.toString()));
      const server = serverI18n(locale).t;
      for (const key of [
        "site.name",
        "nav.home",
        "practice:check",
        "classes:session.title",
        "reports:title",
        "units:admin.title",
        "accounts:myData.title",
      ])
        expect(browser.t(key), `${locale} ${key}`).toBe(server(key));
      expect(browser.t("limits.tooMany.body", { count: 1 })).toBe(server("limits.tooMany.body", { count: 1 }));
    }
  });
});
