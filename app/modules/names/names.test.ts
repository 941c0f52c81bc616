import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanName, NAME_MAX, printable } from "./names";

describe("cleanName", () => {
  it("keeps real names, in NFC, with single spaces", () => {
    expect(cleanName("  Đặng   Thị\tHồng  Nhung ")).toEqual({ ok: true, name: "Đặng Thị Hồng Nhung" });
    expect(cleanName("Nguye\u0302\u0303n")).toEqual({ ok: true, name: "Nguyễn" });
    expect(cleanName("Y Bhiăm Niê Kđăm")).toEqual({ ok: true, name: "Y Bhiăm Niê Kđăm" });
    expect(cleanName("Mai\u2028Hoa\nLan")).toEqual({ ok: true, name: "Mai Hoa Lan" });
    expect(cleanName("Lớp 3A")).toEqual({ ok: true, name: "Lớp 3A" });
  });

  it("removes control, format and bidi characters", () => {
    expect(cleanName("An\u0000\u0007h")).toEqual({ ok: true, name: "Anh" });
    expect(cleanName("\u001b[31mAdmin\u001b[0m")).toEqual({ ok: true, name: "[31mAdmin[0m" });
    expect(cleanName("Lan\u202e nimda")).toEqual({ ok: true, name: "Lan nimda" });
    for (const c of ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"])
      expect(cleanName(`Mai${c}Hoa`)).toEqual({ ok: true, name: "MaiHoa" });
    for (const c of ["\u2066", "\u2067", "\u2068", "\u2069", "\ufeff", "\u00ad", "\ud800"])
      expect(cleanName(`Mai${c}Hoa`)).toEqual({ ok: true, name: "MaiHoa" });
  });

  it("refuses a name with nothing visible left", () => {
    for (const blank of ["", "   ", "\u200b\u200b\u200b", "\u202e\u2066", "\u0000", "\u3164\u3164", "\u0301\u0301", "\u2800", null, 42])
      expect(cleanName(blank)).toEqual({ ok: false, error: "nameRequired" });
  });

  it("refuses a long name before working on it", () => {
    expect(cleanName("A".repeat(NAME_MAX))).toMatchObject({ ok: true });
    expect(cleanName("A".repeat(NAME_MAX + 1))).toEqual({ ok: false, error: "nameTooLong" });
    const started = performance.now();
    expect(cleanName("ễ".repeat(1_000_000))).toEqual({ ok: false, error: "nameTooLong" });
    expect(performance.now() - started).toBeLessThan(50);
  });

  it("never returns a control, format or bidi character, whatever it is given", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 120 }), (raw) => {
        const result = cleanName(raw);
        if (result.ok) {
          expect(result.name).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u);
          expect(result.name).toBe(result.name.normalize("NFC"));
          expect(result.name).toMatch(/[^\s\p{M}]/u);
        }
      }),
    );
  });
});

describe("printable", () => {
  it("escapes what a terminal would obey", () => {
    expect(printable("\u001b[2JAdmin\u0007")).toBe("\\u{1b}[2JAdmin\\u{7}");
    expect(printable("Lan\u202e")).toBe("Lan\\u{202e}");
    expect(printable("Nguyễn Văn A")).toBe("Nguyễn Văn A");
  });
});
