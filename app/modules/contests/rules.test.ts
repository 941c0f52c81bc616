import { describe, expect, it } from "vitest";
import {
  checkContestInput,
  checkOwnQuestions,
  contestStatus,
  deadlineOf,
  drawQuestions,
  fromVietnamTime,
  GRACE_MS,
  inTime,
  leaderboard,
  parseRef,
  rankEntries,
  scoreEntry,
  toVietnamTime,
  vietnamClock,
} from "./rules";

describe("Vietnam time", () => {
  it("reads a typed local time as UTC+7 and back", () => {
    expect(fromVietnamTime("2026-10-10T08:00")).toBe("2026-10-10T01:00:00.000Z");
    expect(fromVietnamTime("2026-10-10 06:30:15")).toBe("2026-10-09T23:30:15.000Z");
    expect(toVietnamTime("2026-10-10T01:00:00.000Z")).toBe("2026-10-10T08:00:00");
    expect(vietnamClock("2026-10-09T23:30:15.000Z")).toEqual({ time: "06:30:15", date: "10/10/2026" });
  });
  it.each(["", "10/10/2026 08:00", "2026-02-30T08:00", "2026-10-10T24:00", "2026-10-10T08:60", "2026-10-10"])("refuses %j", (v) =>
    expect(fromVietnamTime(v)).toBeNull(),
  );
});

describe("status and deadline", () => {
  const contest = { opens_at: "2026-10-10T01:00:00.000Z", closes_at: "2026-10-10T03:00:00.000Z" };
  it("is upcoming, open, then closed at the closing time", () => {
    expect(contestStatus(contest, new Date("2026-10-10T00:59:59.999Z"))).toBe("upcoming");
    expect(contestStatus(contest, new Date("2026-10-10T01:00:00.000Z"))).toBe("open");
    expect(contestStatus(contest, new Date("2026-10-10T03:00:00.000Z"))).toBe("closed");
  });
  it("ends an attempt after the time allowed, or at the closing if sooner", () => {
    expect(deadlineOf(new Date("2026-10-10T01:10:00.000Z"), 20, contest.closes_at)).toBe("2026-10-10T01:30:00.000Z");
    expect(deadlineOf(new Date("2026-10-10T02:50:00.000Z"), 20, contest.closes_at)).toBe(contest.closes_at);
  });
  it("takes an answer up to the grace after the deadline, not later", () => {
    const deadline = "2026-10-10T01:30:00.000Z";
    expect(inTime(deadline, new Date(Date.parse(deadline) + GRACE_MS))).toBe(true);
    expect(inTime(deadline, new Date(Date.parse(deadline) + GRACE_MS + 1))).toBe(false);
  });
});

describe("drawing questions", () => {
  const pool = Array.from({ length: 30 }, (_, i) => `c:q${i}`);
  it("draws the count asked, each once, the same for a seed", () => {
    const drawn = drawQuestions(pool, 10, 42);
    expect(drawn).toHaveLength(10);
    expect(new Set(drawn).size).toBe(10);
    expect(drawn.every((r) => pool.includes(r))).toBe(true);
    expect(drawQuestions(pool, 10, 42)).toEqual(drawn);
  });
  it("gives participants different questions and orders, whatever the pool's order", () => {
    const draws = new Set(Array.from({ length: 50 }, (_, i) => drawQuestions(pool, 10, i + 1).join()));
    expect(draws.size).toBe(50);
    expect(drawQuestions([...pool].reverse(), 10, 7)).toEqual(drawQuestions(pool, 10, 7));
  });
  it("reads references and refuses others", () => {
    expect(parseRef("l:scam-avoidance/fake-police-calls/q1")).toEqual({
      kind: "lesson",
      moduleId: "scam-avoidance",
      lessonId: "fake-police-calls",
      questionId: "q1",
    });
    expect(parseRef("c:own-1")).toEqual({ kind: "own", questionId: "own-1" });
    expect(parseRef("x:../etc")).toBeNull();
  });
});

describe("scores, ties and leaderboards", () => {
  it("counts unanswered questions as wrong", () => {
    const questions = [
      { id: "q1", kind: "single" as const, options: [{ id: "a", correct: true }, { id: "b" }] },
      { id: "q2", kind: "single" as const, options: [{ id: "a" }, { id: "b", correct: true }] },
    ];
    expect(scoreEntry(questions, { q1: ["a"] })).toEqual({ correctCount: 1, totalCount: 2, score: 50 });
  });
  it("ranks by score, then the shorter time", () => {
    const ranked = rankEntries([
      { id: "a", score: 80, durationMs: 300_000, submittedAt: "2026-10-10T01:05:00Z" },
      { id: "b", score: 90, durationMs: 900_000, submittedAt: "2026-10-10T01:15:00Z" },
      { id: "c", score: 80, durationMs: 200_000, submittedAt: "2026-10-10T01:20:00Z" },
    ]);
    expect(ranked.map((e) => [e.id, e.rank])).toEqual([
      ["b", 1],
      ["c", 2],
      ["a", 3],
    ]);
  });
  it("aggregates by group with participation against the population", () => {
    const rows = leaderboard(
      [
        { group: "V1", score: 100 },
        { group: "V1", score: 50 },
        { group: "V2", score: 90 },
        { group: null, score: 10 },
      ],
      new Map([["V1", 400]]),
    );
    expect(rows).toEqual([
      { key: "V2", participants: 1, participation: null, averageScore: 90, bestScore: 90 },
      { key: "V1", participants: 2, participation: 0, averageScore: 75, bestScore: 100 },
    ]);
    expect(leaderboard([{ group: "V1", score: 10 }], new Map([["V1", 3]]))[0]!.participation).toBe(33);
  });
});

describe("the organiser's form", () => {
  const now = new Date("2026-10-01T00:00:00Z");
  const base = {
    title: "Ngày hội học tập số",
    rules: "Mỗi người một lượt.",
    opensAt: "2026-10-10T08:00",
    closesAt: "2026-10-10T10:00",
    minutes: "20",
    attemptsAllowed: "1",
    questionCount: "8",
    moduleIds: ["scam-avoidance"],
  };
  const check = (raw: Record<string, string | string[]>, own = 0) =>
    checkContestInput(raw, { knownModules: ["scam-avoidance", "online-services"], ownQuestionCount: own, now }, (ids) => ids.length * 8);
  it("accepts a complete form", () => {
    const result = check(base);
    expect(result).toEqual({
      ok: true,
      input: expect.objectContaining({ opensAt: "2026-10-10T01:00:00.000Z", minutes: 20, moduleIds: ["scam-avoidance"] }),
    });
  });
  it("names every wrong field", () => {
    const result = check({ ...base, title: "", closesAt: "2026-10-10T07:00", minutes: "0", questionCount: "abc", moduleIds: ["nope"] });
    expect(result).toEqual({
      ok: false,
      errors: { title: "title", closesAt: "order", minutes: "number", questionCount: "number", moduleIds: "module" },
    });
  });
  it("needs a closing time ahead and enough questions", () => {
    expect(check({ ...base, closesAt: "2026-09-30T08:00", opensAt: "2026-09-30T07:00" })).toMatchObject({ errors: { closesAt: "past" } });
    expect(check({ ...base, questionCount: "9" })).toMatchObject({ errors: { questionCount: "pool" } });
    expect(check({ ...base, questionCount: "9" }, 1).ok).toBe(true);
    expect(check({ ...base, moduleIds: [] })).toMatchObject({ errors: { moduleIds: "noQuestions" } });
  });
});

describe("questions written for the contest", () => {
  const quiz = (text: string, correct = "a") => ({
    questions: ["q1", "q2", "q3", "q4"].map((id) => ({
      id,
      kind: "single",
      prompt: `${text} ${id}?`,
      options: ["a", "b"].map((o) => ({ id: o, text: o, correct: o === correct, explanation: `${text} ${o}.` })),
    })),
  });
  it("accepts both languages matching id for id", () => {
    expect(checkOwnQuestions({ vi: quiz("Câu"), en: quiz("Question") }).ok).toBe(true);
  });
  it("refuses answers that differ between languages, or a quiz that breaks the lesson schema", () => {
    const differs = checkOwnQuestions({ vi: quiz("Câu"), en: quiz("Question", "b") });
    expect(differs.ok).toBe(false);
    expect(!differs.ok && differs.problems[0]).toMatch(/^en: question "q1" has options/);
    expect(checkOwnQuestions({ vi: { questions: [] }, en: quiz("Q") }).ok).toBe(false);
  });
});
