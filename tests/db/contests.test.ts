import { describe, expect, it } from "vitest";
import type { Database } from "#db/client";
import type { Class, Contest } from "#db/schema";
import { giveConsent } from "~/modules/accounts/consent.server";
import { deleteAccount } from "~/modules/accounts/deletion.server";
import { createClass, joinClass, leaveClass } from "~/modules/classes/classes.server";
import { signUp } from "~/modules/accounts/learners.server";
import type { Course } from "~/modules/content/course.server";
import {
  closeExpired,
  contestBoards,
  contestsOfClasses,
  createContest,
  entryQuestions,
  finishedEntries,
  getContest,
  getOrganisedContest,
  listContests,
  mayTakePart,
  saveAnswers,
  startEntry,
  submitEntry,
} from "~/modules/contests/contests.server";
import { checkOwnQuestions, GRACE_MS } from "~/modules/contests/rules";
import { importUnitsFile } from "~/modules/units/units.server";
import { saveTargets } from "~/modules/units/targets.server";
import { dialects, useFreshDatabase } from "./databases";

/** A course with no modules: these contests use only questions written for them. */
const noLessons: Course = {
  version: "test",
  problems: [],
  programme: null,
  locales: ["vi", "en"],
  modules: () => [],
  module: () => undefined,
  lesson: () => undefined,
  practice: () => undefined,
  glossary: () => [],
};

const quiz = (text: string) => ({
  questions: Array.from({ length: 6 }, (_, i) => ({
    id: `c${i + 1}`,
    kind: "single",
    prompt: `${text} ${i + 1}?`,
    options: ["a", "b", "c"].map((o) => ({ id: o, text: `${text} ${o}`, correct: o === "b", explanation: `${text}: ${o}.` })),
  })),
});
const own = checkOwnQuestions({ vi: quiz("Câu"), en: quiz("Question") });
if (!own.ok) throw new Error(own.problems.join("\n"));

const units = new TextEncoder().encode(
  [
    "code,name,level,parent_code",
    "P1,Tỉnh Thử,province,",
    "C1,Xã Một,commune,P1",
    "V1,Thôn 1,village,C1",
    "V2,Thôn 2,village,C1",
    "C2,Xã Hai,commune,P1",
  ].join("\n") + "\n",
);

let counter = 0;
async function account(db: Database, name: string) {
  const result = await signUp(db, {
    guestId: null,
    displayName: name,
    login: `c${Date.now().toString(36)}${counter++}`,
    password: "mat-khau-dai",
  });
  if (!result.ok) throw new Error("sign-up failed");
  return result.learner;
}

const T0 = new Date("2026-10-10T01:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describe.each(dialects)("contests on %s", (dialect) => {
  let db: Database;
  useFreshDatabase(dialect, (fresh) => (db = fresh));
  let contest: Contest;

  async function setUp() {
    await importUnitsFile(db, { bytes: units, now: T0 });
    const official = await account(db, "Cán Bộ");
    const unit = (await db.selectFrom("units").selectAll().where("code", "=", "C1").executeTakeFirstOrThrow())!;
    const id = await createContest(db, {
      organiser: { kind: "unit", unit },
      ownerId: official.id,
      input: {
        title: "Ngày hội",
        rules: "",
        opensAt: T0.toISOString(),
        closesAt: at(60).toISOString(),
        minutes: 20,
        attemptsAllowed: 1,
        questionCount: 4,
        moduleIds: [],
      },
      ownQuestions: own.ok ? own.questions : null,
      now: at(-60),
    });
    contest = (await getContest(db, id))!;
    await saveTargets(db, {
      unitCode: "V1",
      year: 2026,
      values: [{ audience: "adult", denominator: 200, targetPercent: 70 }],
      updatedBy: official.id,
    });
  }

  const start = (learnerId: string, name: string, unitCode: string, now: Date) =>
    startEntry(db, { course: noLessons, contest, learnerId, name, unitCode, classId: null, locale: "vi", now });

  /** A class's contest of questions written for it, open from T0 for an hour unless said otherwise. */
  const classContestOf = async (klass: Class, ownerId: string, title: string, { closesAt = at(60), attemptsAllowed = 1 } = {}) =>
    createContest(db, {
      organiser: { kind: "class", klass },
      ownerId,
      input: {
        title,
        rules: "",
        opensAt: T0.toISOString(),
        closesAt: closesAt.toISOString(),
        minutes: 10,
        attemptsAllowed,
        questionCount: 4,
        moduleIds: [],
      },
      ownQuestions: own.ok ? own.questions : null,
      now: at(-60),
    });

  it("draws each participant's questions, refuses a start before opening and a second attempt", async () => {
    await setUp();
    const a = await account(db, "Người A");
    expect(await start(a.id, "Người A", "V1", at(-1))).toEqual({ ok: false, error: "notOpen" });
    const first = await start(a.id, "Người A", "V1", at(1));
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(JSON.parse(first.entry.question_refs)).toHaveLength(4);
    expect(first.entry.deadline_at).toBe(at(21).toISOString());
    // Starting again while the attempt runs gives the same attempt; after handing in, no second one.
    const again = await start(a.id, "Người A", "V1", at(2));
    expect(again.ok && again.entry.id).toBe(first.entry.id);
    const questions = entryQuestions(noLessons, contest, first.entry, "vi");
    const answers = Object.fromEntries(questions.map((q) => [q.id, ["b"]]));
    expect(
      await submitEntry(db, { entry: first.entry, questions, answers, idempotencyKey: "key-aaaaaaaaaaaaaaaa", now: at(6) }),
    ).toMatchObject({ ok: true, again: false });
    expect(await start(a.id, "Người A", "V1", at(7))).toEqual({ ok: false, error: "used" });
    const [row] = await db.selectFrom("contest_entries").selectAll().where("learner_id", "=", a.id).execute();
    expect(row).toMatchObject({ score: 100, correct_count: 4, duration_ms: 5 * 60_000, late: 0 });
  });

  it("records a resent answer once (same key), and refuses another one", async () => {
    const b = await account(db, "Người B");
    const started = await start(b.id, "Người B", "V2", at(3));
    if (!started.ok) throw new Error("not started");
    const questions = entryQuestions(noLessons, contest, started.entry, "vi");
    const answers = Object.fromEntries(questions.map((q, i) => [q.id, [i === 0 ? "a" : "b"]]));
    const sends = await Promise.all(
      [0, 1, 2].map(() =>
        submitEntry(db, { entry: started.entry, questions, answers, idempotencyKey: "key-bbbbbbbbbbbbbbbb", now: at(8) }),
      ),
    );
    expect(sends.filter((s) => s.ok && !s.again)).toHaveLength(1);
    expect(sends.every((s) => s.ok)).toBe(true);
    const entry = (await db.selectFrom("contest_entries").selectAll().where("id", "=", started.entry.id).executeTakeFirstOrThrow())!;
    expect(await submitEntry(db, { entry, questions, answers: {}, idempotencyKey: "key-cccccccccccccccc", now: at(9) })).toMatchObject({
      ok: false,
      error: "submitted",
    });
    expect(entry.score).toBe(75);
  });

  it("refuses a late hand-in and keeps the answers saved in time", async () => {
    const c = await account(db, "Người C");
    const started = await start(c.id, "Người C", "V1", at(30));
    if (!started.ok) throw new Error("not started");
    const questions = entryQuestions(noLessons, contest, started.entry, "vi");
    const firstTwo = { [questions[0]!.id]: ["b"], [questions[1]!.id]: ["b"] };
    expect(await saveAnswers(db, { entry: started.entry, answers: firstTwo, now: at(45) })).toEqual({ ok: true });
    const late = new Date(at(50).getTime() + GRACE_MS + 1);
    const entry = (await db.selectFrom("contest_entries").selectAll().where("id", "=", started.entry.id).executeTakeFirstOrThrow())!;
    expect(await saveAnswers(db, { entry, answers: {}, now: late })).toEqual({ ok: false, error: "late" });
    const everything = Object.fromEntries(questions.map((q) => [q.id, ["b"]]));
    expect(await submitEntry(db, { entry, questions, answers: everything, idempotencyKey: null, now: late })).toMatchObject({
      ok: false,
      error: "late",
    });
    const closed = (await db.selectFrom("contest_entries").selectAll().where("id", "=", entry.id).executeTakeFirstOrThrow())!;
    expect(closed).toMatchObject({ late: 1, correct_count: 2, score: 50, submitted_at: at(50).toISOString(), duration_ms: 20 * 60_000 });
  });

  it("closes attempts never handed in, and builds leaderboards with names only by consent", async () => {
    const d = await account(db, "Người D");
    const started = await start(d.id, "Người D", "V2", at(40));
    if (!started.ok) throw new Error("not started");
    expect(await closeExpired(db, noLessons, contest, at(59))).toBe(0);
    expect(await closeExpired(db, noLessons, contest, at(61))).toBe(1);
    const a = await db.selectFrom("contest_entries").select("learner_id").where("score", "=", 100).executeTakeFirstOrThrow();
    await giveConsent(db, { learnerId: a.learner_id, purpose: "leaderboard" });
    const entries = await finishedEntries(db, contest);
    expect(entries).toHaveLength(4);
    const boards = await contestBoards(db, contest, entries);
    expect(boards.top.map((r) => [r.rank, r.name, r.score])).toEqual([
      [1, "Người A", 100],
      [2, null, 75],
      [3, null, 50],
      [4, null, 0],
    ]);
    expect(boards.villages).toEqual([
      { key: "V1", name: "Thôn 1", participants: 2, participation: 1, averageScore: 75, bestScore: 100 },
      { key: "V2", name: "Thôn 2", participants: 2, participation: null, averageScore: 38, bestScore: 75 },
    ]);
    expect(boards.communes).toMatchObject([{ key: "C1", name: "Xã Một", participants: 4 }]);
  });

  it("keeps a class's contest to its members and its own instructor", async () => {
    const teacher = await account(db, "Cô Giáo");
    const member = await account(db, "Học Viên");
    const outsider = await account(db, "Người Ngoài");
    const klass = await createClass(db, { ownerId: teacher.id, name: "Lớp Thử", place: null, schedule: null });
    const other = await createClass(db, { ownerId: outsider.id, name: "Lớp Khác", place: null, schedule: null });
    await joinClass(db, { classId: klass.id, learnerId: member.id });
    const id = await classContestOf(klass, teacher.id, "Thi trong lớp", { attemptsAllowed: 2 });
    const classContest = (await getContest(db, id))!;
    expect(await mayTakePart(db, classContest, member)).toBe(true);
    expect(await mayTakePart(db, classContest, outsider)).toBe(false);
    expect(await mayTakePart(db, classContest, null)).toBe(false);
    expect(await mayTakePart(db, contest, null)).toBe(true);
    await leaveClass(db, { classId: klass.id, learnerId: member.id });
    expect(await mayTakePart(db, classContest, member)).toBe(false);
    expect((await listContests(db, { kind: "class", klass })).map((c) => c.id)).toEqual([id]);
    expect(await getOrganisedContest(db, { kind: "class", klass: other }, id)).toBeUndefined();
  });

  it("lists a class's contests on its members' class page until 30 days after closing", async () => {
    const teacher = await account(db, "Thầy Giáo");
    const klass = await createClass(db, { ownerId: teacher.id, name: "Lớp Danh Sách", place: null, schedule: null });
    await classContestOf(klass, teacher.id, "Còn mở");
    await classContestOf(klass, teacher.id, "Vừa xong", { closesAt: at(1) });
    const later = new Date(at(1).getTime() + 31 * 86_400_000);
    expect((await contestsOfClasses(db, [klass.id], at(2))).map((c) => c.title).sort()).toEqual(["Còn mở", "Vừa xong"]);
    expect(await contestsOfClasses(db, [klass.id], later)).toEqual([]);
    expect(await contestsOfClasses(db, [], at(2))).toEqual([]);
  });

  it("deleting an account takes its attempts out of every leaderboard, as its lesson attempts go", async () => {
    const before = await finishedEntries(db, contest);
    const leaving = await db.selectFrom("contest_entries").select("learner_id").where("score", "=", 75).executeTakeFirstOrThrow();
    expect(await deleteAccount(db, { learnerId: leaving.learner_id })).toMatchObject({ ok: true });
    expect(await db.selectFrom("contest_entries").select("id").where("learner_id", "=", leaving.learner_id).execute()).toEqual([]);
    const after = await finishedEntries(db, contest);
    expect(after).toHaveLength(before.length - 1);
    const boards = await contestBoards(db, contest, after);
    expect(boards.top.map((r) => r.score)).toEqual([100, 50, 0]);
    expect(boards.villages.find((v) => v.key === "V2")).toMatchObject({ participants: 1 });
    // The official who made it leaves: the contest and everyone else's results stay.
    expect(await deleteAccount(db, { learnerId: contest.owner_id! })).toMatchObject({ ok: true });
    expect(await getContest(db, contest.id)).toMatchObject({ id: contest.id, owner_id: null });
    expect(await finishedEntries(db, contest)).toHaveLength(after.length);
    // A teacher who leaves takes their classes, and the classes' contests with their attempts.
    const teacher = await account(db, "Cô Rời Đi");
    const member = await account(db, "Học Viên Ở Lại");
    const klass = await createClass(db, { ownerId: teacher.id, name: "Lớp Sẽ Đóng", place: null, schedule: null });
    await joinClass(db, { classId: klass.id, learnerId: member.id });
    const id = await classContestOf(klass, teacher.id, "Thi rồi đóng");
    const classContest = (await getContest(db, id))!;
    const started = await startEntry(db, {
      course: noLessons,
      contest: classContest,
      learnerId: member.id,
      name: "Học Viên Ở Lại",
      unitCode: null,
      classId: klass.id,
      locale: "vi",
      now: at(5),
    });
    expect(started.ok).toBe(true);
    expect(await deleteAccount(db, { learnerId: teacher.id })).toMatchObject({ ok: true });
    expect(await getContest(db, id)).toBeUndefined();
    expect(await db.selectFrom("contest_entries").select("id").where("contest_id", "=", id).execute()).toEqual([]);
  });

  it("is not found by an organiser of another unit", async () => {
    const other = (await db.selectFrom("units").selectAll().where("code", "=", "C2").executeTakeFirstOrThrow())!;
    const mine = (await db.selectFrom("units").selectAll().where("code", "=", "C1").executeTakeFirstOrThrow())!;
    expect(await getOrganisedContest(db, { kind: "unit", unit: other }, contest.id)).toBeUndefined();
    expect((await getOrganisedContest(db, { kind: "unit", unit: mine }, contest.id))?.id).toBe(contest.id);
  });
});
