import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Database } from "#db/client";
import { createGuest } from "~/modules/accounts/learners.server";
import { recordAttempt, type ItemRef } from "~/modules/progress/attempts.server";
import { summariseAttempts } from "~/modules/progress/mastery";
import { milestonesFromRows } from "~/modules/progress/milestones.server";
import { readCourseShape } from "~/modules/progress/shape.server";
import { dialects, useFreshDatabase } from "./databases";

/**
 * recordAttempt adds each attempt to its summary row and recomputes the report milestones only
 * when the attempt may change them (app/modules/progress/attempts.server.ts). Whatever order the
 * attempts come in, the rows must be what rebuilding them from every attempt gives.
 */
describe.each(dialects)("progress kept attempt by attempt on %s", (dialect) => {
  let db: Database;
  useFreshDatabase(dialect, (fresh) => (db = fresh));

  /** The summary rows and milestones as stored, and as recomputed from the learner's attempts. */
  const shapeOnce = readCourseShape("content");
  async function storedAndRebuilt(learnerId: string) {
    const shape = await shapeOnce;
    const attempts = await db.selectFrom("attempts").selectAll().where("learner_id", "=", learnerId).execute();
    const progress = await db
      .selectFrom("progress")
      .select(["item_kind", "item_id", "module_id", "attempt_count", "best_score", "passed", "passed_at", "last_attempt_at"])
      .where("learner_id", "=", learnerId)
      .orderBy("item_kind")
      .orderBy("item_id")
      .execute();
    const byItem = new Map<string, typeof attempts>();
    for (const a of attempts) byItem.set(`${a.item_kind}:${a.item_id}`, [...(byItem.get(`${a.item_kind}:${a.item_id}`) ?? []), a]);
    const rebuiltProgress = [...byItem.values()]
      .map((list) => ({
        item_kind: list[0]!.item_kind,
        item_id: list[0]!.item_id,
        module_id: list[0]!.module_id,
        ...summariseAttempts(list.map((a) => ({ score: Number(a.score), passed: Number(a.passed), created_at: a.created_at })))!,
      }))
      .sort((x, y) => x.item_kind.localeCompare(y.item_kind) || x.item_id.localeCompare(y.item_id));
    const firsts = new Map<string, string>();
    for (const a of attempts)
      if (!firsts.has(a.module_id) || a.created_at < firsts.get(a.module_id)!) firsts.set(a.module_id, a.created_at);
    const rebuilt = milestonesFromRows(
      shape,
      [...firsts].map(([module_id, first]) => ({ learner_id: learnerId, module_id, first })),
      rebuiltProgress.map((p) => ({ ...p, learner_id: learnerId })),
    );
    const modules = await db
      .selectFrom("module_progress")
      .select(["learner_id", "module_id", "started_at", "completed_at"])
      .where("learner_id", "=", learnerId)
      .orderBy("module_id")
      .execute();
    const learner = await db
      .selectFrom("learner_milestones")
      .select(["started_at", "first_module_at", "core_completed_at"])
      .where("learner_id", "=", learnerId)
      .executeTakeFirst();
    return {
      stored: {
        progress: progress.map((p) => ({
          ...p,
          attempt_count: Number(p.attempt_count),
          best_score: Number(p.best_score),
          passed: Number(p.passed),
        })),
        modules,
        learner: learner ?? null,
      },
      rebuilt: {
        progress: rebuiltProgress,
        modules: [...rebuilt.modules].sort((x, y) => x.module_id.localeCompare(y.module_id)),
        learner: rebuilt.learners.get(learnerId) ?? null,
      },
    };
  }

  it("matches a rebuild from every attempt, whatever order they arrive in (times repeat, some late)", async () => {
    const shape = await shapeOnce;
    // The two smallest modules' items, so that a module can be completed and the learner's first module set.
    const smallest = [...shape.modules].sort(
      (x, y) => x.lessonIds.length + x.practiceIds.length - (y.lessonIds.length + y.practiceIds.length),
    );
    const items: ItemRef[] = smallest
      .slice(0, 2)
      .flatMap((m) => [
        ...m.lessonIds.map((id) => ({ kind: "lesson" as const, id, moduleId: m.id })),
        ...m.practiceIds.map((id) => ({ kind: "practice" as const, id, moduleId: m.id })),
      ]);
    const firstModule = items.filter((i) => i.moduleId === smallest[0]!.id).length;
    const attempt = fc.record({
      // Items of the first module more often, so that it gets completed in some runs.
      item: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: firstModule - 1 }) }, fc.integer({ min: 0, max: items.length - 1 })),
      // Passing (3 or 4 right of 4) a little more often than not.
      correct: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 2, max: 4 })),
      // Most attempts come in order, one minute apart; some arrive late (kept offline), at an
      // earlier minute than the latest (often before the first), and may tie with another.
      late: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { freq: 6 }),
    });
    let completed = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(attempt, { minLength: 1, maxLength: 50, size: "max" }), async (sequence) => {
        const guest = await createGuest(db);
        for (const [i, a] of sequence.entries()) {
          await recordAttempt(db, {
            learnerId: guest.id,
            item: items[a.item]!,
            locale: "vi",
            answers: {},
            graded: { correctCount: a.correct, totalCount: 4, score: a.correct * 25 },
            passMark: 0.8,
            now: new Date(Date.UTC(2026, 3, 1) + (a.late === null ? 100 + i : Math.floor(a.late * (100 + i))) * 60_000),
          });
          // After every attempt, not only the last: a later recomputation would hide a missed one.
          const { stored, rebuilt } = await storedAndRebuilt(guest.id);
          expect(stored).toEqual(rebuilt);
        }
        const { stored } = await storedAndRebuilt(guest.id);
        if (stored.modules.some((m) => m.completed_at)) completed++;
      }),
      // A failure is reported as found (shrinking would run the database thousands of times).
      { numRuns: 25, seed: 20261201, endOnFailure: true },
    );
    // The runs reach what the shortcut must not miss: completed modules.
    expect(completed).toBeGreaterThan(5);
  });

  it("counts every attempt of a learner sending several at the same moment", async () => {
    const guest = await createGuest(db);
    const item: ItemRef = { kind: "lesson", id: "fake-police-calls", moduleId: "scam-avoidance" };
    await recordAttempt(db, {
      learnerId: guest.id,
      item,
      locale: "vi",
      answers: {},
      graded: { correctCount: 1, totalCount: 4, score: 25 },
      passMark: 0.8,
    });
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        recordAttempt(db, {
          learnerId: guest.id,
          item,
          locale: "vi",
          answers: {},
          graded: { correctCount: i % 5, totalCount: 4, score: (i % 5) * 25 },
          passMark: 0.8,
        }),
      ),
    );
    const { stored, rebuilt } = await storedAndRebuilt(guest.id);
    expect(stored.progress[0]?.attempt_count).toBe(13);
    expect(stored).toEqual(rebuilt);
  });
});
