import { describe, expect, it } from "vitest";
import { foldVietnamese, generatePin, isWeakPin, normalisePin, pinGate, PIN_LOCK_AFTER, usernameFor } from "./pin";
import { normaliseLogin } from "./validation";

const at = (iso: string) => new Date(iso);
const record = (failed_count: number, last_failed_at: string | null = "2026-03-01T08:00:00.000Z", locked_at: string | null = null) => ({
  failed_count,
  last_failed_at,
  locked_at,
});

describe("pinGate", () => {
  const slowdownMs = 60_000;
  it("lets the first five tries through at once", () => {
    for (let n = 0; n < 5; n++) expect(pinGate(record(n), { now: at("2026-03-01T08:00:00.100Z"), slowdownMs })).toEqual({ state: "open" });
  });
  it("makes the sixth try wait for the slowdown after the last failure", () => {
    expect(pinGate(record(5), { now: at("2026-03-01T08:00:10.000Z"), slowdownMs })).toEqual({ state: "wait", retryAfterMs: 50_000 });
    expect(pinGate(record(5), { now: at("2026-03-01T08:01:00.000Z"), slowdownMs })).toEqual({ state: "open" });
    expect(pinGate(record(19), { now: at("2026-03-01T08:00:59.999Z"), slowdownMs }).state).toBe("wait");
  });
  it("locks at twenty failures, however long ago, until someone resets it", () => {
    expect(pinGate(record(PIN_LOCK_AFTER), { now: at("2030-01-01T00:00:00.000Z"), slowdownMs })).toEqual({ state: "locked" });
    expect(pinGate(record(0, null, "2026-03-01T08:00:00.000Z"), { now: at("2026-03-02T00:00:00.000Z"), slowdownMs })).toEqual({
      state: "locked",
    });
  });
});

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
