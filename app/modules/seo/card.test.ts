import { describe, expect, it } from "vitest";
import { balancedWrap, cardSvg, layoutTitle, wrapText, type Measure } from "./card";

// A monospaced stand-in for the font: every character is 0.6 em wide.
const mono: Measure = (text, size) => [...text].length * size * 0.6;

describe("preview card layout", () => {
  it("wraps words greedily within the width", () => {
    expect(wrapText("một hai ba bốn năm", 7, (l) => [...l].length)).toEqual(["một hai", "ba bốn", "năm"]);
  });

  it("balances the lines: no last word left alone", () => {
    const lines = balancedWrap("Học kỹ năng số, từng bước một", 26, (l) => [...l].length);
    expect(lines).toHaveLength(2);
    expect(lines).toEqual(["Học kỹ năng số,", "từng bước một"]);
  });

  it("keeps a long title in 3 lines, smaller, and cuts what still does not fit with …", () => {
    const short = layoutTitle("Thiết bị thông minh", mono);
    expect(short.lines).toEqual(["Thiết bị thông minh"]);
    const long = layoutTitle("Nhận diện và phòng tránh lừa đảo trực tuyến ".repeat(6).trim(), mono);
    expect(long.lines).toHaveLength(3);
    expect(long.size).toBeLessThan(short.size);
    expect(long.lines[2]!.endsWith("…")).toBe(true);
    for (const line of long.lines) expect(mono(line, long.size, "bold")).toBeLessThanOrEqual(1040);
  });

  it("draws the Vietnamese title as text (NFC), escaped", () => {
    const svg = cardSvg({ kicker: "Bình dân học vụ số", title: "Mua <an toàn> & rẻ", footer: "5 bài học" }, mono);
    expect(svg).toContain("Mua &lt;an toàn&gt; &amp; rẻ");
    expect(svg).toContain('font-family="Be Vietnam Pro"');
    // A title typed decomposed (e + combining marks) is drawn as the composed letters.
    expect(cardSvg({ kicker: "", title: "Lu\u0079\u00ea\u0323n", footer: "" }, mono)).toContain("Luyện");
  });
});
