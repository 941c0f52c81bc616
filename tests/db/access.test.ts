import { describe, expect, it } from "vitest";
import type { Database } from "#db/client";
import { createGuest, mergeGuestIntoAccount, signUp } from "~/modules/accounts/learners.server";
import { getSavedDisplay, saveDisplay } from "~/modules/access/preferences.server";
import { AttemptKeyConflict, listAttempts, recordAttempt, type ItemRef } from "~/modules/progress/attempts.server";
import { getLearnerProgress } from "~/modules/progress/progress.server";
import { dialects, useFreshDatabase } from "./databases";

const lesson: ItemRef = { kind: "lesson", id: "fake-police-calls", moduleId: "scam-avoidance" };
const practice: ItemRef = { kind: "practice", id: "spot-the-scam", moduleId: "scam-avoidance" };

function attempt(db: Database, learnerId: string, key: string | null, item: ItemRef = lesson, score = 100) {
  return recordAttempt(db, {
    learnerId,
    item,
    locale: "vi",
    answers: { q1: ["a"] },
    graded: { correctCount: score === 100 ? 1 : 0, totalCount: 1, score },
    passMark: 0.8,
    idempotencyKey: key,
  });
}

describe.each(dialects)("issue 6 storage on %s", (dialect) => {
  let db: Database;
  useFreshDatabase(dialect, (fresh) => (db = fresh));

  it("records an attempt sent twice with the same key once, even when both arrive together", async () => {
    const guest = await createGuest(db);
    const key = "0b9f7e3c-1d2a-4c55-9a61-3f0e2b7d9c11";
    const first = await attempt(db, guest.id, key);
    const again = await attempt(db, guest.id, key, lesson, 0);
    expect(again).toEqual({ id: first.id, passed: true, replayed: true });
    const racing = await Promise.all([1, 2, 3, 4].map(() => attempt(db, guest.id, "5c1e4a7b-8f2d-4e6a-b3c9-0d7f1a2e4b6c")));
    expect(new Set(racing.map((r) => r.id)).size).toBe(1);
    expect(racing.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await listAttempts(db, { learnerId: guest.id, item: lesson })).toHaveLength(2);
    expect((await getLearnerProgress(db, { learnerId: guest.id })).lessons.get(lesson.id)?.attempt_count).toBe(2);
  });

  it("keys belong to one learner, plain posts have none, and a key cannot be moved to another item", async () => {
    const a = await createGuest(db);
    const b = await createGuest(db);
    const key = "7d3c2b1a-0f9e-4d8c-a7b6-c5d4e3f2a1b0";
    const mine = await attempt(db, a.id, key);
    const theirs = await attempt(db, b.id, key);
    expect(theirs.id).not.toBe(mine.id);
    expect(theirs.replayed).toBe(false);
    await attempt(db, a.id, null);
    await attempt(db, a.id, null);
    expect(await listAttempts(db, { learnerId: a.id, item: lesson })).toHaveLength(3);
    await expect(attempt(db, a.id, key, practice)).rejects.toBeInstanceOf(AttemptKeyConflict);
    expect(await listAttempts(db, { learnerId: a.id, item: practice })).toHaveLength(0);
  });

  it("a guest's keyed attempts move into the account when they log in", async () => {
    const account = await signUp(db, {
      guestId: null,
      displayName: "Lan",
      login: `lan-${dialect}-${Date.now()}`,
      password: "mat-khau-cua-lan",
    });
    if (!account.ok) throw new Error("sign-up failed");
    const guest = await createGuest(db);
    const key = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    const sent = await attempt(db, guest.id, key);
    const accountId = account.learner.id;
    await mergeGuestIntoAccount(db, { guestId: guest.id, accountId });
    // The same answers replayed after the log-in are still the one attempt.
    expect(await attempt(db, accountId, key)).toMatchObject({ id: sent.id, replayed: true });
  });

  it("keeps display preferences per learner, updates them, and forgets them with the learner", async () => {
    const guest = await createGuest(db);
    expect(await getSavedDisplay(db, { learnerId: guest.id })).toBeNull();
    await saveDisplay(db, { learnerId: guest.id, prefs: { textSize: 150, contrast: "high" } });
    expect(await getSavedDisplay(db, { learnerId: guest.id })).toEqual({ textSize: 150, contrast: "high" });
    await saveDisplay(db, { learnerId: guest.id, prefs: { textSize: 200, contrast: "standard" } });
    expect(await getSavedDisplay(db, { learnerId: guest.id })).toEqual({ textSize: 200, contrast: "standard" });
    const other = await createGuest(db);
    expect(await getSavedDisplay(db, { learnerId: other.id })).toBeNull();
    await db.deleteFrom("learners").where("id", "=", guest.id).execute();
    expect(await db.selectFrom("learner_preferences").select("learner_id").where("learner_id", "=", guest.id).execute()).toEqual([]);
  });
});
