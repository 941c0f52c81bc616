import { describe, expect, it } from "vitest";
import { foldVietnamese, generatePin, isWeakPin, normalisePin, usernameFor } from "./pin";
import { normaliseLogin } from "./validation";

describe("PINs", () => {
  it("reads what people type", () => {
    expect(normalisePin(" 482 913 ")).toBe("482913");
    expect(normalisePin("４８２９１３")).toBe("482913");
    expect(normalisePin("48291")).toBeNull();
    expect(normalisePin("48291a")).toBeNull();
  });
  it("refuses the PINs a neighbour would try first", () => {
    for (const weak of ["000000", "111111", "123456", "654321", "121212", "258258"]) expect(isWeakPin(weak)).toBe(true);
    for (const fine of ["482913", "730561", "019283"]) expect(isWeakPin(fine)).toBe(false);
  });
  it("generates six digits, skipping weak ones and keeping leading zeros", () => {
    const draws = [123456, 111111, 42];
    expect(generatePin(() => draws.shift()!)).toBe("000042");
  });
});

describe("usernameFor", () => {
  it("uses the given name without diacritics and four digits", () => {
    expect(usernameFor("Nguyễn Thị Lan", () => 4821)).toBe("lan4821");
    expect(usernameFor("Trần Văn Đức", () => 7)).toBe("duc0007");
    expect(foldVietnamese("Ưng Hoàng Phúc")).toBe("ung hoang phuc");
  });
  it("always gives a valid login name, even for names without Latin letters", () => {
    for (const name of ["Nguyễn Thị Lan", "Ka Điệp", "H'Hen Niê", "李", "   ", "Bà Tư 80"]) {
      const username = usernameFor(name, () => 1234);
      expect(normaliseLogin(username), name).toBe(username);
    }
    expect(usernameFor("李", () => 1)).toBe("hocvien0001");
  });
});
