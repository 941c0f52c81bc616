import { describe, expect, it } from "vitest";
import { learnerMilestone, moduleCompletedAt } from "~/modules/progress/milestones";
import { emptyLearnerFigures, targetFigures } from "./figures";

describe("milestone rules", () => {
  const mod = { id: "m", lessonIds: ["a", "b"], practiceIds: ["p"] };
  it("completes a module when every lesson and practice is passed, at the latest pass", () => {
    const passes: Record<string, string> = { "lesson:a": "2026-01-02", "lesson:b": "2026-01-05", "practice:p": "2026-01-03" };
    expect(moduleCompletedAt(mod, (k, id) => passes[`${k}:${id}`])).toBe("2026-01-05");
    expect(moduleCompletedAt(mod, (k, id) => (id === "p" ? null : passes[`${k}:${id}`]))).toBeNull();
    expect(moduleCompletedAt({ id: "e", lessonIds: [], practiceIds: [] }, () => "2026-01-01")).toBeNull();
  });
  it("dates the first module and the last core module", () => {
    const modules = [
      { module_id: "x", started_at: "2026-01-01", completed_at: "2026-02-01" },
      { module_id: "y", started_at: "2025-12-01", completed_at: "2026-01-15" },
      { module_id: "z", started_at: "2026-03-01", completed_at: null },
    ];
    expect(learnerMilestone(modules, ["x", "y"])).toEqual({
      started_at: "2025-12-01",
      first_module_at: "2026-01-15",
      core_completed_at: "2026-02-01",
    });
    expect(learnerMilestone(modules, ["x", "z"]).core_completed_at).toBeNull();
    expect(learnerMilestone(modules, []).core_completed_at).toBeNull();
  });
});

describe("targets", () => {
  const learners = emptyLearnerFigures();
  learners.completedCore.total = 35;
  learners.registered.total = 120;
  it("shares the learners who completed every core module over the denominator", () => {
    const t = targetFigures({ audience: "adult", year: 2025, stored: { denominator: 50, target_percent: 70 }, learners });
    expect(t).toMatchObject({ share: 0.7, met: true, reached: 35, overDenominator: true });
    expect(targetFigures({ audience: "adult", year: 2025, stored: { denominator: 51, target_percent: 70 }, learners }).met).toBe(false);
  });
  it("falls back to the plan's figure and has no share without a denominator", () => {
    expect(targetFigures({ audience: "worker", year: 2025, stored: undefined, learners })).toMatchObject({
      targetPercent: 80,
      denominator: null,
      share: null,
      met: null,
      overDenominator: false,
    });
    expect(targetFigures({ audience: "adult", year: 2026, stored: undefined, learners }).targetPercent).toBe(100);
  });
});
