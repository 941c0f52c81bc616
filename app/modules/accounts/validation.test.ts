import { describe, expect, it } from "vitest";
import { loginProblem, normaliseLogin, signupSchema, suggestLogin } from "./validation";

describe("normaliseLogin", () => {
  it("reads Vietnamese phone numbers in their common spellings", () => {
    expect(normaliseLogin("0900 000 123")).toBe("0900000123");
    expect(normaliseLogin("+84 900 000 123")).toBe("0900000123");
    expect(normaliseLogin("84900000123")).toBe("0900000123");
  });
  it("lower-cases usernames and refuses odd ones", () => {
    expect(normaliseLogin("  Chi.Lan ")).toBe("chi.lan");
    expect(normaliseLogin("ab")).toBeNull();
    expect(normaliseLogin("bà Tư")).toBeNull();
    expect(normaliseLogin("123")).toBeNull();
  });
});

describe("signupSchema", () => {
  it("keeps a Vietnamese name with its diacritics, NFC-normalised", () => {
    const decomposed = "Nguye\u0302\u0303n Thi\u0323 Lan"; // "Nguyễn Thị Lan" typed with combining marks
    const parsed = signupSchema.parse({ displayName: `  ${decomposed} `, login: "lan2026", password: "mat-khau-8" });
    expect(parsed.displayName).toBe("Nguyễn Thị Lan");
    expect(parsed.displayName).toBe(parsed.displayName.normalize("NFC"));
  });
  it("refuses a password shorter than 8 characters with a message key", () => {
    const parsed = signupSchema.safeParse({ displayName: "Lan", login: "lan2026", password: "1234567" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe("passwordTooShort");
  });
});

describe("loginProblem: a refused login name says what is wrong (issue 11)", () => {
  it("names a space and suggests the name without it", () => {
    expect(loginProblem("tuan 1960")).toEqual({ problem: "loginHasSpace", suggestion: "tuan1960" });
    expect(loginProblem("Nguyễn Văn Tuấn")).toEqual({ problem: "loginHasSpace", suggestion: "nguyenvantuan" });
  });
  it("names accents and suggests the name without them", () => {
    expect(loginProblem("tuấn")).toEqual({ problem: "loginHasAccents", suggestion: "tuan" });
    expect(loginProblem("Đức")).toEqual({ problem: "loginHasAccents", suggestion: "duc" });
  });
  it("tells a phone number of the wrong length from a name", () => {
    expect(loginProblem("0900 123")).toEqual({ problem: "loginPhoneLength", suggestion: null });
    expect(loginProblem("ab")).toEqual({ problem: "loginTooShort", suggestion: null });
    expect(loginProblem("a".repeat(40))?.problem).toBe("loginTooLong");
    expect(loginProblem("tuan@nha")).toEqual({ problem: "loginBadCharacter", suggestion: "tuannha" });
  });
  it("finds nothing wrong with a valid name, and the schema reports the same problem", () => {
    expect(loginProblem("nguyenvantuan")).toBeNull();
    expect(loginProblem("0900 000 123")).toBeNull();
    const parsed = signupSchema.safeParse({ displayName: "Tuấn", login: "tuấn", password: "mat-khau-8" });
    expect(parsed.error?.issues[0]?.message).toBe("loginHasAccents");
  });
  it("falls back to an example when nothing usable was typed", () => {
    expect(suggestLogin("bà")).toBe("nguyenvantuan");
  });
});
