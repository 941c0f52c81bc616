import { describe, expect, it } from "vitest";
import { normalisePrintedName } from "./printed-name";

describe("normalisePrintedName", () => {
  it("stores names in NFC, whichever way the keyboard composed the letters", () => {
    const decomposed = "Nguyễn Thị Ánh Tuyết".normalize("NFD");
    expect(decomposed).not.toBe("Nguyễn Thị Ánh Tuyết");
    const result = normalisePrintedName(decomposed);
    expect(result).toEqual({ ok: true, name: "Nguyễn Thị Ánh Tuyết" });
    if (result.ok) expect(result.name).toBe(result.name.normalize("NFC"));
  });

  it("keeps every diacritic and tidies spaces", () => {
    expect(normalisePrintedName("  Đặng   Thị\tHồng  Nhung ")).toEqual({ ok: true, name: "Đặng Thị Hồng Nhung" });
    expect(normalisePrintedName("Y Bhiăm Niê Kđăm")).toEqual({ ok: true, name: "Y Bhiăm Niê Kđăm" });
    expect(normalisePrintedName("Marie-Thérèse O’Neil")).toEqual({ ok: true, name: "Marie-Thérèse O’Neil" });
  });

  it("refuses empty, overlong and non-name input with a reason", () => {
    expect(normalisePrintedName("   ")).toEqual({ ok: false, error: "nameRequired" });
    expect(normalisePrintedName(undefined)).toEqual({ ok: false, error: "nameRequired" });
    expect(normalisePrintedName("A".repeat(81))).toEqual({ ok: false, error: "nameTooLong" });
    expect(normalisePrintedName("Ờ".repeat(80))).toMatchObject({ ok: true });
    expect(normalisePrintedName("<script>")).toEqual({ ok: false, error: "nameInvalid" });
    expect(normalisePrintedName("Lan 123")).toEqual({ ok: false, error: "nameInvalid" });
    expect(normalisePrintedName("--")).toEqual({ ok: false, error: "nameInvalid" });
  });
});
