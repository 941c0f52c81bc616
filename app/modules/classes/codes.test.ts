import { describe, expect, it } from "vitest";
import { CODE_ALPHABET, formatCode, generateCode, JOIN_CODE_LENGTH, normaliseCode, vietnamDay } from "./codes";

describe("join codes", () => {
  it("uses no characters that look alike", () => {
    for (const c of "0O1IL5S2Z") expect(CODE_ALPHABET).not.toContain(c);
    const code = generateCode(JOIN_CODE_LENGTH, (n) => n - 1);
    expect(code).toBe("YYYYYY");
  });
  it("reads a code however it is typed", () => {
    expect(normaliseCode(" k7m 3qx ", 6)).toBe("K7M3QX");
    expect(normaliseCode("K7M-3QX", 6)).toBe("K7M3QX");
    expect(normaliseCode("K7M3Q", 6)).toBeNull();
    expect(normaliseCode("K0M3QX", 6)).toBeNull();
    expect(normaliseCode("'; --", 6)).toBeNull();
  });
  it("is shown in two halves", () => {
    expect(formatCode("K7M3QX")).toBe("K7M 3QX");
  });
});

describe("vietnamDay", () => {
  it("turns over at midnight in Vietnam, not in UTC", () => {
    expect(vietnamDay(new Date("2026-03-01T16:59:00Z"))).toBe("2026-03-01");
    expect(vietnamDay(new Date("2026-03-01T17:00:00Z"))).toBe("2026-03-02");
  });
});
