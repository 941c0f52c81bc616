import { describe, expect, it } from "vitest";
import { decodeUtf8File } from "./encoding";
import { foldVietnamese, nameMatches } from "./search";
import { exceedsDenominator, parseTargetsCsv, planTarget, targetValuesSchema } from "./targets";
import { nextVillageCode, parseUnitsCsv, planUnitImport, validateUnitTree, type UnitRow } from "./tree";

const csv = (...lines: string[]) => ["code,name,level,parent_code", ...lines].join("\r\n") + "\r\n";
const rowsOf = (text: string): UnitRow[] => {
  const parsed = parseUnitsCsv(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.rows;
};

describe("diacritic-insensitive names", () => {
  it("finds Tân Phú from 'tan phu' and Đông from 'dong'", () => {
    expect(foldVietnamese("  Tân   Phú ")).toBe("tan phu");
    expect(foldVietnamese("Đồng Xoài")).toBe("dong xoai");
    expect(nameMatches("Xã Tân Phú", "tan phu")).toBe(true);
    expect(nameMatches("Phường Đông Hòa", "DONG hoa")).toBe(true);
    expect(nameMatches("Thôn Đắk Nhau", "dak")).toBe(true);
    expect(nameMatches("Xã Tân Lập", "tan phu")).toBe(false);
    expect(nameMatches("Xã Tân Phú", "")).toBe(true);
  });
  it("matches text in either Unicode form (NFC or NFD as typed)", () => {
    expect(nameMatches("Tân Phú".normalize("NFD"), "tân phú".normalize("NFC"))).toBe(true);
  });
});

describe("file encodings", () => {
  const utf8 = new TextEncoder().encode("code,name\r\n01,Tân Phú\r\n");
  it("reads UTF-8 with or without a byte-order mark", () => {
    expect(decodeUtf8File(utf8)).toEqual({ ok: true, text: "code,name\r\n01,Tân Phú\r\n" });
    expect(decodeUtf8File(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({ ok: true, text: "code,name\r\n01,Tân Phú\r\n" });
  });
  it("names UTF-16 (Excel's Unicode text), with or without a byte-order mark", () => {
    const le = Buffer.from("\ufeffcode,name\r\n01,Tân Phú\r\n", "utf16le");
    expect(decodeUtf8File(le)).toMatchObject({ ok: false, encoding: "utf-16le" });
    const be = Buffer.from(le).swap16();
    expect(decodeUtf8File(be)).toMatchObject({ ok: false, encoding: "utf-16be" });
    expect(decodeUtf8File(Buffer.from("code,name\r\n01,Tan Phu\r\n", "utf16le"))).toMatchObject({ ok: false, encoding: "utf-16" });
  });
  it("names an 8-bit file (Windows-1258) and the line of its first non-UTF-8 letter", () => {
    // "Tân" in Windows-1258: T, â (0xE2), n.
    const cp1258 = new Uint8Array([...Buffer.from("code,name\r\n01,Ha Noi\r\n02,T"), 0xe2, ...Buffer.from("n\r\n")]);
    expect(decodeUtf8File(cp1258)).toEqual({ ok: false, encoding: "8-bit", line: 3 });
  });
});

describe("units CSV", () => {
  it("reads rows with their line numbers, trims and normalises names to NFC", () => {
    const rows = rowsOf(csv("P1,Tỉnh Mẫu,province,", "C1, Xã  Tân Phú ,commune,P1", 'V1,"Thôn 1, Ấp Bắc",village,C1'));
    expect(rows).toEqual([
      { line: 2, code: "P1", name: "Tỉnh Mẫu", level: "province", parentCode: null },
      { line: 3, code: "C1", name: "Xã Tân Phú", level: "commune", parentCode: "P1" },
      { line: 4, code: "V1", name: "Thôn 1, Ấp Bắc", level: "village", parentCode: "C1" },
    ]);
    const nfd = rowsOf(csv(`P1,${"Tỉnh Mẫu".normalize("NFD")},province,`));
    expect(nfd[0]!.name).toBe("Tỉnh Mẫu".normalize("NFC"));
  });
  it("accepts columns in any order and a file without a final line break", () => {
    expect(rowsOf("level,parent_code,code,name\nprovince,,P1,Tỉnh")).toEqual([
      { line: 2, code: "P1", name: "Tỉnh", level: "province", parentCode: null },
    ]);
  });
  it("names the line of every bad row", () => {
    const parsed = parseUnitsCsv(
      csv("P1,Tỉnh,province,", ",Không mã,commune,P1", "C 2,Xã,commune,P1", "C3,,commune,P1", "C4,Xã,district,P1"),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.map((e) => [e.line, e.problem])).toEqual([
      [3, "missing-code"],
      [4, "bad-code"],
      [5, "missing-name"],
      [6, "bad-level"],
    ]);
  });
  it("refuses a wrong header, an empty file and a broken quote", () => {
    expect(parseUnitsCsv("ma,ten,cap,cha\r\n1,a,province,\r\n")).toMatchObject({ ok: false, errors: [{ line: 1, problem: "bad-header" }] });
    expect(parseUnitsCsv("")).toMatchObject({ ok: false, errors: [{ problem: "empty-file" }] });
    expect(parseUnitsCsv("code,name,level,parent_code\r\n")).toMatchObject({ ok: false, errors: [{ problem: "empty-file" }] });
    expect(parseUnitsCsv(csv("P1,Tỉnh,province,", 'C1,"Xã,commune,P1'))).toMatchObject({ ok: false, errors: [{ problem: "bad-csv" }] });
  });
});

describe("the tree of units", () => {
  it("gives each unit its province and commune", () => {
    const checked = validateUnitTree(rowsOf(csv("V1,Thôn 1,village,C1", "P1,Tỉnh,province,", "C1,Xã,commune,P1")));
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.units.get("V1")).toMatchObject({ provinceCode: "P1", communeCode: "C1" });
    expect(checked.units.get("C1")).toMatchObject({ provinceCode: "P1", communeCode: "C1" });
    expect(checked.units.get("P1")).toMatchObject({ provinceCode: "P1", communeCode: null });
  });
  it("refuses duplicate codes, naming both lines", () => {
    const checked = validateUnitTree(rowsOf(csv("P1,Tỉnh,province,", "C1,Xã A,commune,P1", "C1,Xã B,commune,P1")));
    expect(checked).toEqual({ ok: false, errors: [{ line: 4, problem: "duplicate-code", detail: { code: "C1", firstLine: 3 } }] });
  });
  it("refuses a missing parent, a province with a parent, a commune without one", () => {
    const checked = validateUnitTree(rowsOf(csv("P1,Tỉnh,province,X", "C1,Xã,commune,P9", "C2,Xã,commune,")));
    expect(checked.ok ? [] : checked.errors.map((e) => [e.line, e.problem])).toEqual([
      [2, "province-with-parent"],
      [3, "missing-parent"],
      [4, "missing-parent-code"],
    ]);
  });
  it("refuses cycles", () => {
    const checked = validateUnitTree(rowsOf(csv("C1,Xã 1,commune,C2", "C2,Xã 2,commune,C1")));
    expect(checked.ok ? [] : checked.errors.map((e) => [e.line, e.problem])).toEqual([
      [2, "cycle"],
      [3, "cycle"],
    ]);
  });
  it("refuses levels out of order (a village under a province, a commune under a commune)", () => {
    const checked = validateUnitTree(rowsOf(csv("P1,Tỉnh,province,", "V1,Thôn,village,P1", "C1,Xã,commune,P1", "C2,Xã,commune,C1")));
    expect(checked.ok ? [] : checked.errors.map((e) => [e.line, e.problem, e.detail?.parentLevel])).toEqual([
      [3, "wrong-level", "province"],
      [5, "wrong-level", "commune"],
    ]);
  });
  it("checks a file against the units already stored: parents may be stored, levels must still fit", () => {
    const stored = [
      { code: "P1", name: "Tỉnh", level: "province" as const, parentCode: null },
      { code: "C1", name: "Xã", level: "commune" as const, parentCode: "P1" },
      { code: "V1", name: "Thôn", level: "village" as const, parentCode: "C1" },
    ];
    expect(validateUnitTree(rowsOf(csv("V2,Thôn 2,village,C1")), stored).ok).toBe(true);
    const checked = validateUnitTree(rowsOf(csv("C1,Xã,village,P1")), stored);
    expect(checked.ok ? [] : checked.errors.map((e) => e.problem)).toEqual(["wrong-level", "children-conflict"]);
  });
});

describe("planning an import", () => {
  const file = csv(
    "P1,Tỉnh,province,",
    "C1,Xã Tân Phú,commune,P1",
    "V1,Thôn 1,village,C1",
    "P2,Tỉnh khác,province,",
    "C2,Xã khác,commune,P2",
  );
  it("inserts parents first, then changes nothing the second time", () => {
    const first = planUnitImport(rowsOf(file), []);
    expect(first.ok && first.plan.insert.map((u) => u.code)).toEqual(["P1", "P2", "C1", "C2", "V1"]);
    if (!first.ok) return;
    const again = planUnitImport(rowsOf(file), first.plan.insert);
    expect(again).toEqual({ ok: true, plan: { insert: [], update: [], unchanged: 5, outsideRoot: 0 } });
  });
  it("renames in place and moves the units below a unit that moved", () => {
    const first = planUnitImport(rowsOf(file), []);
    if (!first.ok) throw new Error();
    const moved = planUnitImport(rowsOf(csv("C1,Xã Tân Phú Mới,commune,P2")), first.plan.insert);
    expect(moved.ok && moved.plan.update.map((u) => [u.code, u.name, u.provinceCode])).toEqual([
      ["C1", "Xã Tân Phú Mới", "P2"],
      ["V1", "Thôn 1", "P2"],
    ]);
  });
  it("keeps only the root province's units when the deployment names one", () => {
    const plan = planUnitImport(rowsOf(file), [], { rootCode: "P1" });
    expect(plan.ok && plan.plan.insert.map((u) => u.code)).toEqual(["P1", "C1", "V1"]);
    expect(plan.ok && plan.plan.outsideRoot).toBe(2);
    expect(planUnitImport(rowsOf(file), [], { rootCode: "P9" })).toMatchObject({ ok: false, errors: [{ problem: "root-not-found" }] });
  });
  it("numbers villages created in the site after the commune", () => {
    expect(nextVillageCode("C1", new Set())).toBe("C1-T01");
    expect(nextVillageCode("C1", new Set(["C1-T01", "C1-T02"]))).toBe("C1-T03");
  });
});

describe("targets", () => {
  it("prefills from the plan: 2025 80/100/70/80, 2026 100 each", () => {
    expect([planTarget(2025, "public-sector"), planTarget(2025, "student"), planTarget(2025, "adult"), planTarget(2025, "worker")]).toEqual(
      [80, 100, 70, 80],
    );
    expect(planTarget(2026, "adult")).toBe(100);
    expect(planTarget(2030, "worker")).toBe(100);
    expect(planTarget(2024, "adult")).toBe(70);
  });
  it("refuses a negative or over-100 target and a zero denominator; a blank denominator is unknown", () => {
    const parse = (denominator: string, targetPercent: string) => {
      const r = targetValuesSchema.safeParse({ denominator, targetPercent });
      return r.success ? r.data : r.error.issues.map((i) => i.message);
    };
    expect(parse("1.200", "70,5")).toEqual({ denominator: 1200, targetPercent: 70.5 });
    expect(parse("", "80")).toEqual({ denominator: null, targetPercent: 80 });
    expect(parse("0", "80")).toEqual(["denominator-zero"]);
    expect(parse("-5", "-1")).toEqual(["denominator-negative", "percent-negative"]);
    expect(parse("abc", "101")).toEqual(["denominator-not-number", "percent-over-100"]);
    expect(parse("10", "")).toEqual(["percent-missing"]);
  });
  it("reads a targets CSV, naming each bad line", () => {
    const known = new Set(["C1"]);
    const ok = parseTargetsCsv("unit_code,year,audience,denominator,target_percent\nC1,2025,adult,1200,70\nC1,2025,worker,,80\n", known);
    expect(ok).toEqual({
      ok: true,
      rows: [
        { line: 2, unitCode: "C1", year: 2025, audience: "adult", denominator: 1200, targetPercent: 70 },
        { line: 3, unitCode: "C1", year: 2025, audience: "worker", denominator: null, targetPercent: 80 },
      ],
    });
    const bad = parseTargetsCsv(
      "unit_code,year,audience,denominator,target_percent\nC9,2025,adult,1,70\nC1,1990,kids,0,120\nC1,2025,adult,5,70\nC1,2025,adult,5,70\n",
      known,
    );
    expect(bad.ok ? [] : bad.errors.map((e) => [e.line, e.problem])).toEqual([
      [2, "unknown-unit"],
      [3, "bad-year"],
      [3, "bad-audience"],
      [3, "denominator-zero"],
      [3, "percent-over-100"],
      [5, "duplicate-target"],
    ]);
  });
  it("warns when more learners registered than the denominator", () => {
    expect(exceedsDenominator(101, 100)).toBe(true);
    expect(exceedsDenominator(100, 100)).toBe(false);
    expect(exceedsDenominator(5, null)).toBe(false);
  });
});
