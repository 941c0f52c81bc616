import { describe, expect, it } from "vitest";
import { negotiateLocale, switchLocalePath } from "./config";

describe("negotiateLocale", () => {
  it("picks English for an English browser", () => {
    expect(negotiateLocale("en-US,en;q=0.9")).toBe("en");
  });
  it("honours q-values over order", () => {
    expect(negotiateLocale("fr;q=0.9,en;q=0.5,vi;q=0.8")).toBe("vi");
  });
  it("falls back to Vietnamese for unknown or missing languages", () => {
    expect(negotiateLocale("fr-FR,de")).toBe("vi");
    expect(negotiateLocale(null)).toBe("vi");
  });
});

describe("switchLocalePath", () => {
  it("keeps the learner on the same lesson", () => {
    expect(switchLocalePath("/vi/modules/scam-avoidance/fake-police-calls", "", "en")).toBe(
      "/en/modules/scam-avoidance/fake-police-calls",
    );
  });
  it("keeps the query string and handles the locale root", () => {
    expect(switchLocalePath("/en", "?page=2", "vi")).toBe("/vi?page=2");
  });
});
