import { describe, expect, it } from "vitest";
import { isSeed, MAX_SEED, newSeed, orderOptions, readSeed, shuffled, SHUFFLE_SEED_FIELD } from "./shuffle";

const items = ["a", "b", "c", "d"];

describe("shuffled", () => {
  it("is a permutation: the same items, each once", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const out = shuffled(items, seed, "q1");
      expect([...out].sort()).toEqual(items);
    }
  });

  it("is stable for a seed and a question", () => {
    expect(shuffled(items, 12345, "q1")).toEqual(shuffled(items, 12345, "q1"));
    expect(shuffled(items, MAX_SEED, "x")).toEqual(shuffled(items, MAX_SEED, "x"));
  });

  it("gives different orders for different seeds, and for different questions", () => {
    const bySeed = new Set(Array.from({ length: 100 }, (_, i) => shuffled(items, i + 1, "q1").join("")));
    // 4 options have 24 orders: 100 seeds should reach nearly all of them.
    expect(bySeed.size).toBeGreaterThan(18);
    const byQuestion = new Set(Array.from({ length: 20 }, (_, i) => shuffled(items, 7, `q${i}`).join("")));
    expect(byQuestion.size).toBeGreaterThan(5);
  });

  it("puts each option first about equally often", () => {
    const first = new Map<string, number>();
    for (let seed = 1; seed <= 4000; seed++) {
      const head = shuffled(items, seed, "q")[0]!;
      first.set(head, (first.get(head) ?? 0) + 1);
    }
    for (const item of items) expect(first.get(item)!).toBeGreaterThan(800);
  });

  it("does not change the list it is given", () => {
    const list = [...items];
    shuffled(list, 99, "q");
    expect(list).toEqual(items);
  });
});

describe("orderOptions", () => {
  const questions = [
    { id: "q1", options: [{ id: "a" }, { id: "b" }, { id: "c" }] },
    { id: "q2", options: [{ id: "x" }, { id: "y" }] },
  ];
  it("keeps file order without a seed (attempts from before shuffling)", () => {
    expect(orderOptions(questions, null)).toEqual(questions);
  });
  it("shuffles options, never questions", () => {
    const out = orderOptions(questions, 42);
    expect(out.map((q) => q.id)).toEqual(["q1", "q2"]);
    expect(out[0]!.options.map((o) => o.id).sort()).toEqual(["a", "b", "c"]);
    expect(orderOptions(questions, 42)).toEqual(out);
  });
});

describe("seeds", () => {
  it("draws seeds in range", () => {
    expect(isSeed(newSeed(() => 0))).toBe(true);
    expect(isSeed(newSeed(() => 0.9999999999))).toBe(true);
    for (let i = 0; i < 100; i++) expect(isSeed(newSeed())).toBe(true);
  });
  it("reads a posted seed, none, or refuses a forged one", () => {
    expect(readSeed([[SHUFFLE_SEED_FIELD, "123"]])).toBe(123);
    expect(readSeed([["answer.q1", "a"]])).toBeNull();
    for (const bad of ["0", "-1", "1.5", "abc", "", String(MAX_SEED + 1), "01"])
      expect(readSeed([[SHUFFLE_SEED_FIELD, bad]])).toBe("invalid");
    expect(
      readSeed([
        [SHUFFLE_SEED_FIELD, "1"],
        [SHUFFLE_SEED_FIELD, "2"],
      ]),
    ).toBe("invalid");
    expect(readSeed([[SHUFFLE_SEED_FIELD, new Blob(["1"])]])).toBe("invalid");
  });
});
