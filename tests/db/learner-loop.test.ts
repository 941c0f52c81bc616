import { describe, expect, it } from "vitest";
import type { Database } from "#db/client";
import { authenticate, createGuest, mergeGuestIntoAccount, signUp } from "~/modules/accounts/learners.server";
import { createSession, deleteSession, findSessionLearner } from "~/modules/accounts/sessions.server";
import { getAttempt, listAttempts, recordAttempt, type ItemRef } from "~/modules/progress/attempts.server";
import { getLearnerProgress } from "~/modules/progress/progress.server";
import { gradeQuiz, type GradableQuestion } from "~/modules/quizzes/grade";
import { dialects, useFreshDatabase } from "./databases";

const questions: GradableQuestion[] = [
  { id: "q1", kind: "single", options: [{ id: "a", correct: true }, { id: "b" }] },
  { id: "q2", kind: "single", options: [{ id: "a" }, { id: "b", correct: true }] },
  { id: "q3", kind: "multiple", options: [{ id: "a", correct: true }, { id: "b", correct: true }, { id: "c" }] },
  { id: "q4", kind: "single", options: [{ id: "a", correct: true }, { id: "b" }] },
  { id: "q5", kind: "single", options: [{ id: "a", correct: true }, { id: "b" }] },
];
const allRight = { q1: ["a"], q2: ["b"], q3: ["a", "b"], q4: ["a"], q5: ["a"] };
const twoWrong = { q1: ["b"], q2: ["a"], q3: ["a", "b"], q4: ["a"], q5: ["a"] };
const lesson = { kind: "lesson" as const, id: "fake-police-calls", moduleId: "scam-avoidance" };

function attempt(db: Database, learnerId: string, answers: Record<string, string[]>, at: string, item: ItemRef = lesson) {
  const result = gradeQuiz(questions, answers);
  return recordAttempt(db, {
    learnerId,
    item,
    locale: "vi",
    answers,
    graded: { correctCount: result.correctCount, totalCount: result.questionCount, score: result.score },
    passMark: 0.8,
    now: new Date(at),
  });
}
const lessons = async (db: Database, learnerId: string) => (await getLearnerProgress(db, { learnerId })).lessons;

describe.each(dialects)("learner loop on %s", (dialect) => {
  let db: Database;
  useFreshDatabase(dialect, (fresh) => (db = fresh));

  it("keeps every attempt and summarises best score and mastery", async () => {
    const guest = await createGuest(db);
    const first = await attempt(db, guest.id, twoWrong, "2026-03-01T08:00:00.000Z");
    expect(first.passed).toBe(false);
    const second = await attempt(db, guest.id, allRight, "2026-03-01T08:05:00.000Z");
    expect(second.passed).toBe(true);
    await attempt(db, guest.id, twoWrong, "2026-03-01T08:10:00.000Z");

    const attempts = await listAttempts(db, { learnerId: guest.id, item: lesson });
    expect(attempts.map((a) => a.score)).toEqual([60, 100, 60]);

    const progress = (await lessons(db, guest.id)).get(lesson.id);
    expect(progress).toMatchObject({
      attempt_count: 3,
      best_score: 100,
      passed: 1,
      passed_at: "2026-03-01T08:05:00.000Z",
      last_attempt_at: "2026-03-01T08:10:00.000Z",
    });

    const stored = await getAttempt(db, { learnerId: guest.id, attemptId: first.id, item: lesson });
    expect(stored?.answers).toEqual(twoWrong);
    expect(stored?.correct_count).toBe(3);
  });

  it("keeps the order the options were shown in, and none for an attempt without one", async () => {
    const guest = await createGuest(db);
    const result = gradeQuiz(questions, allRight);
    const graded = { correctCount: result.correctCount, totalCount: result.questionCount, score: result.score };
    const shuffled = await recordAttempt(db, {
      learnerId: guest.id,
      item: lesson,
      locale: "vi",
      answers: allRight,
      graded,
      passMark: 0.8,
      shuffleSeed: 2147483647,
    });
    const plain = await recordAttempt(db, { learnerId: guest.id, item: lesson, locale: "vi", answers: allRight, graded, passMark: 0.8 });
    expect((await getAttempt(db, { learnerId: guest.id, attemptId: shuffled.id, item: lesson }))?.shuffle_seed).toBe(2147483647);
    expect((await getAttempt(db, { learnerId: guest.id, attemptId: plain.id, item: lesson }))?.shuffle_seed).toBeNull();
  });

  it("never shows one learner's attempt to another", async () => {
    const owner = await createGuest(db);
    const other = await createGuest(db);
    const { id } = await attempt(db, owner.id, allRight, "2026-03-02T08:00:00.000Z");
    expect(await getAttempt(db, { learnerId: other.id, attemptId: id, item: lesson })).toBeNull();
    expect(await getAttempt(db, { learnerId: owner.id, attemptId: id, item: lesson })).not.toBeNull();
    // The same attempt id asked for as another lesson's is not found either.
    expect(await getAttempt(db, { learnerId: owner.id, attemptId: id, item: { ...lesson, id: "phishing-messages" } })).toBeNull();
  });

  it("writes nothing when the attempt cannot be stored", async () => {
    const before = await db.selectFrom("attempts").select(db.fn.countAll().as("n")).executeTakeFirstOrThrow();
    await expect(attempt(db, "no-such-learner", allRight, "2026-03-03T08:00:00.000Z")).rejects.toThrow();
    const after = await db.selectFrom("attempts").select(db.fn.countAll().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const progress = await db.selectFrom("progress").selectAll().where("learner_id", "=", "no-such-learner").execute();
    expect(progress).toEqual([]);
  });

  it("turns a guest into an account without losing progress", async () => {
    const guest = await createGuest(db);
    await attempt(db, guest.id, allRight, "2026-03-04T08:00:00.000Z");
    const result = await signUp(db, { guestId: guest.id, displayName: "Nguyễn Thị Lan", login: "chilan", password: "mat-khau-rat-dai" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.learner.id).toBe(guest.id);
    expect(result.learner.display_name).toBe("Nguyễn Thị Lan");
    expect((await lessons(db, guest.id)).get(lesson.id)?.passed).toBe(1);

    expect(await authenticate(db, { login: "chilan", password: "mat-khau-rat-dai" })).toMatchObject({ id: guest.id });
    expect(await authenticate(db, { login: "chilan", password: "wrong-password" })).toBeNull();
    expect(await authenticate(db, { login: "nobody", password: "mat-khau-rat-dai" })).toBeNull();
    const stored = await db.selectFrom("learners").select("password_hash").where("id", "=", guest.id).executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
  });

  it("refuses a login name that is taken", async () => {
    await signUp(db, { guestId: null, displayName: "Bác Tư", login: "0900000123", password: "mat-khau-rat-dai" });
    const again = await signUp(db, { guestId: null, displayName: "Người khác", login: "0900000123", password: "mat-khau-khac-1" });
    expect(again).toEqual({ ok: false, error: "loginTaken" });
  });

  it("moves a guest's attempts into the account they log in to", async () => {
    const account = await signUp(db, { guestId: null, displayName: "Anh Minh", login: "anhminh", password: "mat-khau-rat-dai" });
    if (!account.ok) throw new Error("sign-up failed");
    await attempt(db, account.learner.id, twoWrong, "2026-03-05T08:00:00.000Z");
    const guest = await createGuest(db);
    await attempt(db, guest.id, allRight, "2026-03-05T09:00:00.000Z");
    await attempt(db, guest.id, allRight, "2026-03-05T09:10:00.000Z", {
      kind: "practice",
      id: "spot-the-scam",
      moduleId: "scam-avoidance",
    });

    expect(await mergeGuestIntoAccount(db, { guestId: guest.id, accountId: account.learner.id })).toBe(2);
    const progress = await getLearnerProgress(db, { learnerId: account.learner.id });
    expect(progress.lessons.get(lesson.id)).toMatchObject({ attempt_count: 2, best_score: 100, passed: 1 });
    expect(progress.practices.get("spot-the-scam")).toMatchObject({ attempt_count: 1, passed: 1 });
    const guestRow = await db.selectFrom("learners").select("id").where("id", "=", guest.id).executeTakeFirst();
    expect(guestRow).toBeUndefined();
  });

  it("keeps sessions by hash and ends them", async () => {
    const guest = await createGuest(db);
    const token = await createSession(db, { learnerId: guest.id });
    expect(await findSessionLearner(db, { token })).toMatchObject({ id: guest.id, kind: "guest" });
    const stored = await db.selectFrom("sessions").select("id").where("learner_id", "=", guest.id).execute();
    expect(stored.map((s) => s.id)).not.toContain(token);
    const later = new Date(Date.now() + 400 * 86_400_000);
    expect(await findSessionLearner(db, { token, now: later })).toBeNull();
    await deleteSession(db, { token });
    expect(await findSessionLearner(db, { token })).toBeNull();
  });
});
