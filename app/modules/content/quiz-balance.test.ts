import { describe, expect, it } from "vitest";
import { balanceWarnings, quizBalance } from "./quiz-balance";
import type { Quiz } from "./schema";

const option = (id: string, text: string, correct = false) => ({ id, text, correct, explanation: "Vì vậy." });
const quiz = (...questions: Quiz["questions"]): Quiz => ({ questions });

describe("quizBalance", () => {
  it("counts single-choice questions whose correct option is the longest or first", () => {
    const balance = quizBalance([
      {
        moduleId: "m",
        id: "l",
        quiz: quiz(
          { id: "q1", kind: "single", prompt: "?", options: [option("a", "Đáp án dài nhất ở đây", true), option("b", "Ngắn")] },
          { id: "q2", kind: "single", prompt: "?", options: [option("a", "Một câu trả lời sai dài"), option("b", "Đúng", true)] },
          { id: "q3", kind: "single", prompt: "?", options: [option("a", "Ngắn"), option("b", "Dài hơn nữa", true)] },
          { id: "q4", kind: "multiple", prompt: "?", options: [option("a", "Rất rất dài", true), option("b", "x", true)] },
        ),
      },
    ]);
    expect(balance).toMatchObject({ questions: 3, correctLongest: 2, correctFirst: 1, longest: ["m/l#q1", "m/l#q3"] });
    expect(balanceWarnings(balance, "vi")).toHaveLength(1);
    expect(balanceWarnings(balance, "vi")[0]).toMatch(/longest in 67%/);
  });
});
