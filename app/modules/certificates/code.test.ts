import { describe, expect, it } from "vitest";
import { CODE_ALPHABET, checkSymbol, codeFromInput, formatCode, generateCode, parseCode } from "./code";

const fixed = (bytes: number[]) => (length: number) => Uint8Array.from(bytes.slice(0, length));

describe("generateCode", () => {
  it("gives 15 Crockford symbols in three groups of five, the last a matching check symbol", () => {
    for (let i = 0; i < 200; i++) {
      const code = generateCode();
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
      const compact = code.replace(/-/g, "");
      expect(checkSymbol(compact.slice(0, 14))).toBe(compact[14]);
      expect(parseCode(code)).toEqual({ ok: true, code });
    }
  });

  it("uses all 70 random bits: different bytes, different codes", () => {
    const a = generateCode(fixed([0, 0, 0, 0, 0, 0, 0, 0, 1]));
    const b = generateCode(fixed([0, 0, 0, 0, 0, 0, 0, 0, 2]));
    const top = generateCode(fixed([0x20, 0, 0, 0, 0, 0, 0, 0, 0]));
    expect(new Set([a, b, top]).size).toBe(3);
    // The two highest bits of the 72 drawn are dropped: 70 bits remain.
    expect(generateCode(fixed([0xc0, 0, 0, 0, 0, 0, 0, 0, 1]))).toBe(a);
  });

  it("never issues a check symbol outside the letters and digits (draws again instead)", () => {
    // value 32 has check symbol value 32 ("*"): must be skipped; value 1 is fine.
    const draws = [
      [0, 0, 0, 0, 0, 0, 0, 0, 32],
      [0, 0, 0, 0, 0, 0, 0, 0, 1],
    ];
    let call = 0;
    const code = generateCode(() => Uint8Array.from(draws[call++]!));
    expect(call).toBe(2);
    expect(code).toBe(formatCode("0000000000000" + "1" + "1"));
  });

  it("is not predictable: 10,000 codes, no repeats, every symbol used in every position", () => {
    const codes = new Set<string>();
    const seen = Array.from({ length: 14 }, () => new Set<string>());
    for (let i = 0; i < 10_000; i++) {
      const compact = generateCode().replace(/-/g, "");
      codes.add(compact);
      for (let p = 0; p < 14; p++) seen[p]!.add(compact[p]!);
    }
    expect(codes.size).toBe(10_000);
    // The first symbol holds the top 5 of 70 bits: all 32 values show up in 10,000 draws.
    for (const s of seen) expect(s.size).toBe(32);
  });
});

describe("parseCode", () => {
  const code = generateCode(fixed([1, 2, 3, 4, 5, 6, 7, 8, 9]));
  const compact = code.replace(/-/g, "");

  it("reads codes the way people type them", () => {
    expect(parseCode(compact.toLowerCase())).toEqual({ ok: true, code });
    expect(parseCode(` ${code.replace(/-/g, " ")} `)).toEqual({ ok: true, code });
    expect(parseCode(code.replace(/-/g, "–"))).toEqual({ ok: true, code });
    // Full-width characters from some phone keyboards.
    const fullWidth = [...code].map((c) => (c === "-" ? c : String.fromCharCode(c.charCodeAt(0) + 0xfee0))).join("");
    expect(parseCode(fullWidth)).toEqual({ ok: true, code });
  });

  it("reads O as 0 and I or L as 1, as Crockford base32 says", () => {
    const withZero = generateCode(fixed([0, 0, 0, 0, 0, 0, 0, 0, 64]));
    expect(withZero).toContain("0");
    expect(parseCode(withZero.replace(/0/g, "O"))).toEqual({ ok: true, code: withZero });
    const withOne = formatCode("11111111111111" + checkSymbol("11111111111111"));
    expect(parseCode(withOne.replace(/1/g, "l"))).toMatchObject({ ok: true, code: withOne });
    expect(parseCode(withOne.replace(/1/g, "I"))).toMatchObject({ ok: true, code: withOne });
  });

  it("says why a text is not a code", () => {
    expect(parseCode("")).toEqual({ ok: false, error: "empty" });
    expect(parseCode(" - ")).toEqual({ ok: false, error: "empty" });
    expect(parseCode(compact.slice(1))).toEqual({ ok: false, error: "length" });
    expect(parseCode(compact + "0")).toEqual({ ok: false, error: "length" });
    expect(parseCode("U" + compact.slice(1))).toEqual({ ok: false, error: "characters" });
    expect(parseCode("#" + compact.slice(1))).toEqual({ ok: false, error: "characters" });
    // Check symbols that are never issued (* ~ $ = U) make no code, even where the sum would match.
    for (const extra of ["*", "~", "$", "=", "U"]) {
      expect(parseCode(compact.slice(0, 14) + extra)).toEqual({ ok: false, error: "characters" });
    }
  });

  it("catches every single mistyped symbol and every swap of neighbours before any lookup", () => {
    for (let p = 0; p < 15; p++) {
      for (const other of CODE_ALPHABET) {
        if (other === compact[p]) continue;
        const typo = compact.slice(0, p) + other + compact.slice(p + 1);
        expect(parseCode(typo), typo).toMatchObject({ ok: false });
      }
    }
    for (let p = 0; p < 14; p++) {
      if (compact[p] === compact[p + 1]) continue;
      const swapped = compact.slice(0, p) + compact[p + 1] + compact[p] + compact.slice(p + 2);
      expect(parseCode(swapped), swapped).toMatchObject({ ok: false, error: "check" });
    }
  });
});

describe("codeFromInput", () => {
  it("takes the code out of a pasted verification link", () => {
    expect(codeFromInput("https://hoc.example.vn/verify/ABCDE-FGHJK-MNPQR?t=x.y.z")).toBe("ABCDE-FGHJK-MNPQR");
    expect(codeFromInput("  abcde fghjk mnpqr ")).toBe("abcde fghjk mnpqr");
  });
});
