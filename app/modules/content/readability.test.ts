import { describe, expect, it } from "vitest";
import { readabilityProblems, textStats } from "./readability";

describe("textStats", () => {
  it("counts sentences by punctuation and by line, ignoring components and Markdown", () => {
    const stats = textStats(`## Khi nào cần cảnh giác?

Kẻ gian gọi điện. Chúng xưng là công an!

<Warning>Không đưa **mã OTP** cho ai.</Warning>

<VietQR bank="Ngân hàng ABC" account="0123456789" />

1. Mở ứng dụng
2. Quét mã QR`);
    // Heading (5), two sentences (4, 5), the warning (6), two steps (3, 3)
    expect(stats).toEqual({ words: 26, sentences: 6, averageSentence: 4.3, longestSentence: 6 });
  });

  it("fails a lesson whose sentences are too long on average or that is too long", () => {
    const long = `${Array.from({ length: 25 }, (_, i) => `từ${i}`).join(" ")}.`;
    expect(readabilityProblems(textStats(long))[0]).toMatch(/average 25 words/);
    const wordy = Array.from({ length: 200 }, () => "Một câu rất ngắn.").join(" ");
    expect(readabilityProblems(textStats(wordy))[0]).toMatch(/800 words/);
    expect(readabilityProblems(textStats("Câu ngắn. Rất dễ đọc."))).toEqual([]);
  });
});
