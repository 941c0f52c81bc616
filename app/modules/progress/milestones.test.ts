import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ItemKind } from "#db/schema";
import { addAttempt, summariseAttempts, type AttemptSummary } from "./mastery";
import { learnerMilestone, mayChangeMilestones, moduleCompletedAt, type ModuleShape } from "./milestones";

const mod: ModuleShape = { id: "m", lessonIds: ["a", "b"], practiceIds: ["p"] };
const items: [ItemKind, string][] = [
  ["lesson", "a"],
  ["lesson", "b"],
  ["practice", "p"],
];
type Attempt = { item: number; score: number; passed: number; created_at: string };

/** The module's milestones from every attempt, as the rebuild computes them. */
function milestonesOf(attempts: Attempt[]) {
  if (!attempts.length) return null;
  const started_at = attempts.map((a) => a.created_at).reduce((x, y) => (y < x ? y : x));
  const passedAt = (kind: ItemKind, id: string) =>
    summariseAttempts(attempts.filter((a) => items[a.item]![0] === kind && items[a.item]![1] === id))?.passed_at;
  const module = { module_id: mod.id, started_at, completed_at: moduleCompletedAt(mod, passedAt) };
  return { module, learner: learnerMilestone([module], [mod.id]) };
}

const attempts = fc.array(
  fc.record({
    item: fc.integer({ min: 0, max: 2 }),
    score: fc.integer({ min: 0, max: 100 }),
    passed: fc.constantFrom(0, 1),
    created_at: fc.integer({ min: 0, max: 400 }).map((m) => new Date(Date.UTC(2026, 2, 1) + m * 60_000).toISOString()),
  }),
  { minLength: 1, maxLength: 25 },
);

describe("mayChangeMilestones", () => {
  it("says 'no' only for attempts after which the milestones are what they were", () => {
    let skipped = 0;
    fc.assert(
      fc.property(attempts, (sequence) => {
        const summaries: (AttemptSummary | null)[] = items.map(() => null);
        for (let i = 0; i < sequence.length; i++) {
          const a = sequence[i]!;
          const after = addAttempt(summaries[a.item]!, a);
          summaries[a.item] = after;
          if (mayChangeMilestones(after, { passed: a.passed === 1, created_at: a.created_at })) continue;
          skipped++;
          expect(milestonesOf(sequence.slice(0, i + 1))).toEqual(milestonesOf(sequence.slice(0, i)));
        }
      }),
      { numRuns: 1_000 },
    );
    // The property is not vacuous: most repeat attempts are skipped.
    expect(skipped).toBeGreaterThan(1_000);
  });

  it("recomputes for an item's first attempt, a late one, and a first pass", () => {
    const first = addAttempt(null, { score: 50, passed: 0, created_at: "2026-03-01T10:00:00.000Z" });
    expect(mayChangeMilestones(first, { passed: false, created_at: "2026-03-01T10:00:00.000Z" })).toBe(true);
    const again = addAttempt(first, { score: 60, passed: 0, created_at: "2026-03-01T11:00:00.000Z" });
    expect(mayChangeMilestones(again, { passed: false, created_at: "2026-03-01T11:00:00.000Z" })).toBe(false);
    const late = addAttempt(again, { score: 60, passed: 0, created_at: "2026-03-01T09:00:00.000Z" });
    expect(mayChangeMilestones(late, { passed: false, created_at: "2026-03-01T09:00:00.000Z" })).toBe(true);
    const pass = addAttempt(late, { score: 100, passed: 1, created_at: "2026-03-01T12:00:00.000Z" });
    expect(mayChangeMilestones(pass, { passed: true, created_at: "2026-03-01T12:00:00.000Z" })).toBe(true);
    const passAgain = addAttempt(pass, { score: 100, passed: 1, created_at: "2026-03-01T13:00:00.000Z" });
    expect(mayChangeMilestones(passAgain, { passed: true, created_at: "2026-03-01T13:00:00.000Z" })).toBe(false);
  });
});
