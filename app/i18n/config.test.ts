import { describe, expect, it } from "vitest";
import { builtInLocales, negotiateLocale, switchLocalePath } from "./config";

const supported = [...builtInLocales, "qaa"];

describe("negotiateLocale", () => {
  it("picks English for an English browser", () => {
    expect(negotiateLocale("en-US,en;q=0.9", supported)).toBe("en");
  });
  it("honours q-values over order", () => {
    expect(negotiateLocale("fr;q=0.9,en;q=0.5,vi;q=0.8", supported)).toBe("vi");
  });
  it("falls back to Vietnamese for unknown or missing languages", () => {
    expect(negotiateLocale("fr-FR,de", supported)).toBe("vi");
    expect(negotiateLocale(null, supported)).toBe("vi");
  });
});

describe("switchLocalePath", () => {
  it("keeps the learner on the same lesson", () => {
    expect(switchLocalePath("/vi/modules/scam-avoidance/fake-police-calls", "", "en", supported)).toBe(
      "/en/modules/scam-avoidance/fake-police-calls",
    );
  });
  it("knows a locale a deployment added", () => {
    expect(switchLocalePath("/qaa/progress", "", "vi", supported)).toBe("/vi/progress");
    expect(negotiateLocale("qaa", supported)).toBe("qaa");
    expect(negotiateLocale("qaa", builtInLocales)).toBe("vi");
  });
  it("keeps the query string and handles the locale root", () => {
    expect(switchLocalePath("/en", "?page=2", "vi", supported)).toBe("/vi?page=2");
  });
});
