import { describe, expect, it } from "vitest";
import { gradeQuiz, parseSubmission, type GradableQuestion } from "./grade";

const questions: GradableQuestion[] = [
  { id: "q1", kind: "single", options: [{ id: "a", correct: true }, { id: "b" }] },
  { id: "q2", kind: "multiple", options: [{ id: "a", correct: true }, { id: "b", correct: true }, { id: "c" }] },
  { id: "q3", kind: "single", options: [{ id: "x" }, { id: "y", correct: true }] },
];

describe("parseSubmission", () => {
  it("accepts a complete, honest form", () => {
    const result = parseSubmission(questions, [
      ["intent", "submit"],
      ["answer.q1", "a"],
      ["answer.q2", "a"],
      ["answer.q2", "c"],
      ["answer.q3", "x"],
    ]);
    expect(result).toEqual({ ok: true, answers: { q1: ["a"], q2: ["a", "c"], q3: ["x"] } });
  });

  it("accepts the attempt key and the options' order seed beside the answers", () => {
    const result = parseSubmission(questions, [
      ["shuffleSeed", "12345"],
      ["answer.q1", "b"],
      ["answer.q2", "b"],
      ["answer.q3", "y"],
    ]);
    expect(result).toEqual({ ok: true, answers: { q1: ["b"], q2: ["b"], q3: ["y"] } });
  });

  it("lists unanswered questions and keeps what was chosen", () => {
    const result = parseSubmission(questions, [["answer.q2", "b"]]);
    expect(result).toEqual({ ok: false, error: "missing", missing: ["q1", "q3"], answers: { q2: ["b"] } });
  });

  it.each([
    ["an unknown question", [["answer.q9", "a"]]],
    ["an unknown option", [["answer.q1", "z"]]],
    [
      "two answers to a one-answer question",
      [
        ["answer.q1", "a"],
        ["answer.q1", "b"],
      ],
    ],
    [
      "the same option twice",
      [
        ["answer.q2", "a"],
        ["answer.q2", "a"],
      ],
    ],
    ["an unexpected field", [["score", "100"]]],
    ["a file instead of text", [["answer.q1", new Blob(["a"])]]],
    ["an unknown intent", [["intent", "delete"]]],
    ["an empty intent", [["intent", ""]]],
    [
      "the intent twice",
      [
        ["intent", "submit"],
        ["intent", "submit"],
      ],
    ],
  ])("rejects %s as tampering", (_label, extra) => {
    const base: [string, unknown][] = [
      ["answer.q1", "a"],
      ["answer.q2", "a"],
      ["answer.q3", "y"],
    ];
    const entries = [
      ...base.filter(([name]) => !(extra as [string, unknown][]).some(([n]) => n === name)),
      ...(extra as [string, unknown][]),
    ];
    const result = parseSubmission(questions, entries);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toBe("tampered");
  });
});

describe("gradeQuiz", () => {
  it("gives full marks only for exactly the correct options", () => {
    const result = gradeQuiz(questions, { q1: ["a"], q2: ["b", "a"], q3: ["y"] });
    expect(result).toMatchObject({ correctCount: 3, questionCount: 3, score: 100 });
  });

  it("marks a multiple-answer question wrong when one correct option is missing or a wrong one is added", () => {
    expect(gradeQuiz(questions, { q1: ["a"], q2: ["a"], q3: ["y"] }).questions[1]!.correct).toBe(false);
    expect(gradeQuiz(questions, { q1: ["a"], q2: ["a", "b", "c"], q3: ["y"] }).questions[1]!.correct).toBe(false);
  });

  it("rounds the score down and reports the correct options", () => {
    const result = gradeQuiz(questions, { q1: ["b"], q2: ["a", "b"], q3: ["y"] });
    expect(result.score).toBe(66);
    expect(result.questions[0]).toEqual({ questionId: "q1", correct: false, selected: ["b"], correctOptionIds: ["a"] });
  });
});
