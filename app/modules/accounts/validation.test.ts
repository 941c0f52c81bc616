import { describe, expect, it } from "vitest";
import { normaliseLogin, signupSchema } from "./validation";

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
