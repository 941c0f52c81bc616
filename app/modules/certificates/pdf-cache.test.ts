import { describe, expect, it } from "vitest";
import { PdfCache, type PdfKey } from "./pdf-cache";

const key = (over: Partial<PdfKey> = {}): PdfKey => ({
  code: "7K3QD-M9X2A-RT5VC",
  paper: "a4",
  locale: "vi",
  origin: "https://hoc.example.vn",
  revokedAt: null,
  ...over,
});

describe("PdfCache", () => {
  it("keeps each code, size, locale and revocation state apart", () => {
    const cache = new PdfCache();
    cache.set(key(), new Uint8Array([1]));
    expect(cache.get(key())).toEqual(new Uint8Array([1]));
    expect(cache.get(key({ paper: "a5" }))).toBeUndefined();
    expect(cache.get(key({ locale: "en" }))).toBeUndefined();
    expect(cache.get(key({ revokedAt: "2026-03-01T00:00:00.000Z" }))).toBeUndefined();
  });
  it("forgets every version of a revoked certificate", () => {
    const cache = new PdfCache();
    cache.set(key(), new Uint8Array([1]));
    cache.set(key({ paper: "a5", locale: "en" }), new Uint8Array([2]));
    cache.set(key({ code: "OTHER" }), new Uint8Array([3]));
    cache.forget("7K3QD-M9X2A-RT5VC");
    expect(cache.size).toBe(1);
    expect(cache.get(key({ code: "OTHER" }))).toBeDefined();
  });
  it("stays within its byte budget, dropping the least recently used", () => {
    const cache = new PdfCache(10);
    cache.set(key({ code: "A" }), new Uint8Array(4));
    cache.set(key({ code: "B" }), new Uint8Array(4));
    cache.get(key({ code: "A" }));
    cache.set(key({ code: "C" }), new Uint8Array(4));
    expect(cache.get(key({ code: "B" }))).toBeUndefined();
    expect(cache.get(key({ code: "A" }))).toBeDefined();
    expect(cache.get(key({ code: "C" }))).toBeDefined();
  });
});
