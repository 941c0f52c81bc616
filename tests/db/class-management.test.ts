import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#db/client";
import { signUp } from "~/modules/accounts/learners.server";
import { createGuest } from "~/modules/accounts/learners.server";
import { createPinLearners, givePinToGuest } from "~/modules/accounts/pin.server";
import { answerRequest, lastAnswer, listOpenRequests, requestRole } from "~/modules/accounts/role-requests.server";
import { hasRole } from "~/modules/accounts/roles.server";
import { collectMyData } from "~/modules/accounts/my-data.server";
import {
  addBackMember,
  assignModule,
  createClass,
  findClassByCode,
  joinClass,
  leaveClass,
  listAssignments,
  listMembers,
  removeMember,
  renewJoinCode,
  setArchived,
  setDueDate,
  setJoiningOpen,
  setNameIfMissing,
} from "~/modules/classes/classes.server";
import { forgetPins, keepPins, pendingPins } from "~/modules/classes/handouts.server";
import { recordAttempt } from "~/modules/progress/attempts.server";
import { dialects, useFreshDatabase } from "./databases";

/** Issue 11: closing a class, a new join code, removed learners kept out, and PINs kept until written down. */
let counter = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

async function account(db: Database, name: string) {
  const result = await signUp(db, { guestId: null, displayName: name, login: unique("acc"), password: "mat-khau-dai" });
  if (!result.ok) throw new Error("sign-up failed");
  return result.learner;
}

/** A request carrying the cookies a response set (name=value of each Set-Cookie). */
const withCookies = (...setCookies: string[]) =>
  new Request("http://localhost/vi/teach", { headers: { Cookie: setCookies.map((c) => c.split(";")[0]).join("; ") } });

/** One failed quiz attempt, as the guest's phone would have recorded it. */
const recordLessonAttempt = (db: Database, learnerId: string) =>
  recordAttempt(db, {
    learnerId,
    item: { kind: "lesson", id: "lesson-a", moduleId: "module-a" },
    locale: "vi",
    answers: { q1: ["a"] },
    graded: { correctCount: 1, totalCount: 4, score: 25 },
    passMark: 0.8,
  });

beforeAll(() => {
  process.env.SESSION_SECRET ??= "a-test-secret-that-is-long-enough-123456";
});

describe.each(dialects)("class management on %s", (dialect) => {
  let db: Database;
  useFreshDatabase(dialect, (fresh) => (db = fresh));

  it("keeps a removed learner out until the teacher adds them back; one who left may rejoin", async () => {
    const teacher = await account(db, "Cô Thu");
    const klass = await createClass(db, { ownerId: teacher.id, name: "Lớp phụ huynh", place: null, schedule: null });
    const removed = await account(db, "Anh Quang");
    const left = await account(db, "Chị Mai");
    expect(await joinClass(db, { classId: klass.id, learnerId: removed.id })).toBe("joined");
    expect(await joinClass(db, { classId: klass.id, learnerId: left.id })).toBe("joined");
    expect(await removeMember(db, { classId: klass.id, ownerId: teacher.id, learnerId: removed.id })).toBe(true);
    expect(await leaveClass(db, { classId: klass.id, learnerId: left.id })).toBe(true);
    // The same link does not bring the removed learner back…
    expect(await joinClass(db, { classId: klass.id, learnerId: removed.id })).toBe("removed");
    expect((await listMembers(db, { classId: klass.id })).active.map((m) => m.name)).toEqual([]);
    // …while someone who left on their own may come back.
    expect(await joinClass(db, { classId: klass.id, learnerId: left.id })).toBe("joined");
    // Only the owner adds back.
    const other = await account(db, "Thầy Khác");
    expect(await addBackMember(db, { classId: klass.id, ownerId: other.id, learnerId: removed.id })).toBe(false);
    expect(await addBackMember(db, { classId: klass.id, ownerId: teacher.id, learnerId: removed.id })).toBe(true);
    const { active, former } = await listMembers(db, { classId: klass.id });
    expect(active.map((m) => m.name).sort()).toEqual(["Anh Quang", "Chị Mai"]);
    expect(former).toEqual([]);
    // Adding back someone who is already in does nothing.
    expect(await addBackMember(db, { classId: klass.id, ownerId: teacher.id, learnerId: removed.id })).toBe(false);
  });

  it("a closed (archived) class or one with joining stopped takes no one; reopening lets people in again", async () => {
    const teacher = await account(db, "Cô Lan");
    const klass = await createClass(db, { ownerId: teacher.id, name: "Lớp cũ", place: null, schedule: null });
    const learner = await account(db, "Bác Tư");
    expect(await setArchived(db, { classId: klass.id, ownerId: (await account(db, "Người lạ")).id, archived: true })).toBe(false);
    expect(await setArchived(db, { classId: klass.id, ownerId: teacher.id, archived: true })).toBe(true);
    expect((await findClassByCode(db, { code: klass.join_code }))?.archived_at).not.toBeNull();
    expect(await joinClass(db, { classId: klass.id, learnerId: learner.id })).toBe("closed");
    expect(await setArchived(db, { classId: klass.id, ownerId: teacher.id, archived: false })).toBe(true);
    expect(await setJoiningOpen(db, { classId: klass.id, ownerId: teacher.id, open: false })).toBe(true);
    expect(await joinClass(db, { classId: klass.id, learnerId: learner.id })).toBe("closed");
    expect(await setJoiningOpen(db, { classId: klass.id, ownerId: teacher.id, open: true })).toBe(true);
    expect(await joinClass(db, { classId: klass.id, learnerId: learner.id })).toBe("joined");
  });

  it("a new join code replaces the old one at once, for the owner only", async () => {
    const teacher = await account(db, "Thầy Hùng");
    const klass = await createClass(db, { ownerId: teacher.id, name: "Lớp tối", place: null, schedule: null });
    expect(await renewJoinCode(db, { classId: klass.id, ownerId: (await account(db, "Ai đó")).id })).toBeNull();
    const code = await renewJoinCode(db, { classId: klass.id, ownerId: teacher.id });
    expect(code).toMatch(/^[A-Z0-9]{6}$/);
    expect(code).not.toBe(klass.join_code);
    expect(await findClassByCode(db, { code: klass.join_code })).toBeNull();
    expect((await findClassByCode(db, { code: code! }))?.id).toBe(klass.id);
  });

  it("changes a due date without assigning again", async () => {
    const teacher = await account(db, "Cô Yến");
    const klass = await createClass(db, { ownerId: teacher.id, name: "Lớp hạn", place: null, schedule: null });
    await assignModule(db, { classId: klass.id, ownerId: teacher.id, moduleId: "smart-devices", dueDate: "2030-01-10" });
    expect(await setDueDate(db, { classId: klass.id, ownerId: teacher.id, moduleId: "smart-devices", dueDate: "2030-02-01" })).toBe(true);
    expect(await setDueDate(db, { classId: klass.id, ownerId: teacher.id, moduleId: "not-assigned", dueDate: "2030-02-01" })).toBe(false);
    expect((await listAssignments(db, { classId: klass.id })).map((a) => a.due_date)).toEqual(["2030-02-01"]);
    expect(await setDueDate(db, { classId: klass.id, ownerId: teacher.id, moduleId: "smart-devices", dueDate: null })).toBe(true);
    expect((await listAssignments(db, { classId: klass.id })).map((a) => a.due_date)).toEqual([null]);
  });

  it("keeps new PINs sealed for the facilitator's browser until confirmed; the database alone holds no PIN", async () => {
    const teacher = await account(db, "Chị Hoa");
    const klass = await createClass(db, { ownerId: teacher.id, name: "Tổ học Thôn Bắc", place: null, schedule: null });
    let setCookie = "";
    const first = await createPinLearners(db, {
      createdBy: teacher.id,
      people: [{ fullName: "Nguyễn Văn An", birthYear: null, place: null }],
      afterPins: async (trx, pins) => {
        setCookie = await keepPins(trx, withCookies(), { classId: klass.id, ownerId: teacher.id, pins, earlier: new Map() });
      },
    });
    const rows = await db.selectFrom("pin_handouts").selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.sealed).not.toContain(first[0]!.pin);
    // Back, reload, the cards: the same browser finds the PIN again.
    const browser = withCookies(setCookie);
    expect(await pendingPins(db, browser, { classId: klass.id, ownerId: teacher.id })).toEqual(new Map([[first[0]!.id, first[0]!.pin]]));
    // Another browser, another instructor, another class: nothing.
    expect((await pendingPins(db, withCookies(), { classId: klass.id, ownerId: teacher.id })).size).toBe(0);
    expect((await pendingPins(db, browser, { classId: klass.id, ownerId: (await account(db, "Khác")).id })).size).toBe(0);
    // A second batch before confirming: both batches' PINs in one handout.
    const earlier = await pendingPins(db, browser, { classId: klass.id, ownerId: teacher.id });
    let second = "";
    const more = await createPinLearners(db, {
      createdBy: teacher.id,
      people: [{ fullName: "Trần Thị Bình", birthYear: null, place: null }],
      afterPins: async (trx, pins) => {
        second = await keepPins(trx, browser, { classId: klass.id, ownerId: teacher.id, pins, earlier });
      },
    });
    const both = await pendingPins(db, withCookies(second), { classId: klass.id, ownerId: teacher.id });
    expect([...both.entries()].sort()).toEqual(
      [
        [first[0]!.id, first[0]!.pin],
        [more[0]!.id, more[0]!.pin],
      ].sort(),
    );
    expect(await db.selectFrom("pin_handouts").select("id").execute()).toHaveLength(1);
    // A day later the handout is gone whatever the cookie says.
    expect(
      (await pendingPins(db, withCookies(second), { classId: klass.id, ownerId: teacher.id, now: new Date(Date.now() + 25 * 3_600_000) }))
        .size,
    ).toBe(0);
    // Confirmed: deleted, and the cookie forgets the class.
    const cleared = await forgetPins(db, withCookies(second), { classId: klass.id, ownerId: teacher.id });
    expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
    expect(await db.selectFrom("pin_handouts").select("id").execute()).toHaveLength(0);
    expect((await pendingPins(db, withCookies(second), { classId: klass.id, ownerId: teacher.id })).size).toBe(0);
  });

  it("turns a guest member into a PIN account: the same learner, their work kept, the PIN sealed until written down", async () => {
    const teacher = await account(db, "Cô Hạnh");
    const klass = await createClass(db, { ownerId: teacher.id, name: "Lớp khách", place: null, schedule: null });
    const guest = await createGuest(db);
    await setNameIfMissing(db, { learnerId: guest.id, name: "Bà Tư Khách" });
    expect(await joinClass(db, { classId: klass.id, learnerId: guest.id })).toBe("joined");
    await recordLessonAttempt(db, guest.id);
    let cookie = "";
    const given = await givePinToGuest(db, {
      learnerId: guest.id,
      createdBy: teacher.id,
      afterPins: async (trx, pins) => {
        cookie = await keepPins(trx, withCookies(), { classId: klass.id, ownerId: teacher.id, pins, earlier: new Map() });
      },
    });
    expect(given?.username).toMatch(/^khach\d{4}$/);
    expect(given?.pin).toMatch(/^\d{6}$/);
    const row = await db.selectFrom("learners").selectAll().where("id", "=", guest.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: "account", username: given!.username, display_name: "Bà Tư Khách" });
    expect(await db.selectFrom("attempts").select("id").where("learner_id", "=", guest.id).execute()).toHaveLength(1);
    const [member] = (await listMembers(db, { classId: klass.id })).active;
    expect(member).toMatchObject({ id: guest.id, pin: true, kind: "account" });
    expect(await pendingPins(db, withCookies(cookie), { classId: klass.id, ownerId: teacher.id })).toEqual(
      new Map([[guest.id, given!.pin]]),
    );
    // The consent the teacher recorded, and no second conversion.
    expect(await db.selectFrom("consents").select("recorded_by").where("learner_id", "=", guest.id).execute()).toEqual([
      { recorded_by: teacher.id },
    ]);
    expect(await givePinToGuest(db, { learnerId: guest.id, createdBy: teacher.id })).toBeNull();
  });

  it("takes a teacher's request for the instructor role to the administrators, once, and their answer back", async () => {
    const teacher = await account(db, "Thầy Xin Quyền");
    const admin = await account(db, "Quản Trị Viên");
    expect(await requestRole(db, { learnerId: teacher.id, role: "instructor", note: "Trường THCS Yên Bình" })).toBe("sent");
    expect(await requestRole(db, { learnerId: teacher.id, role: "instructor", note: null })).toBe("waiting");
    const open = await listOpenRequests(db);
    expect(open.map((r) => [r.name, r.note])).toEqual([["Thầy Xin Quyền", "Trường THCS Yên Bình"]]);
    expect(await answerRequest(db, { requestId: open[0]!.id, adminId: admin.id, grant: false })).toMatchObject({ learnerId: teacher.id });
    expect(await hasRole(db, { learnerId: teacher.id, role: "instructor" })).toBe(false);
    expect(await lastAnswer(db, { learnerId: teacher.id, role: "instructor" })).toMatchObject({ status: "declined" });
    // Asked again, granted: the role is given and nothing waits any more; an answered request cannot be answered twice.
    expect(await requestRole(db, { learnerId: teacher.id, role: "instructor", note: null })).toBe("sent");
    const again = (await listOpenRequests(db))[0]!;
    expect(await answerRequest(db, { requestId: again.id, adminId: admin.id, grant: true })).toMatchObject({ role: "instructor" });
    expect(await hasRole(db, { learnerId: teacher.id, role: "instructor" })).toBe(true);
    expect(await listOpenRequests(db)).toEqual([]);
    expect(await answerRequest(db, { requestId: again.id, adminId: admin.id, grant: false })).toBeNull();
    expect(await requestRole(db, { learnerId: teacher.id, role: "instructor", note: null })).toBe("holds");
    // The learner's own data export lists what they asked for and the answers.
    expect((await collectMyData(db, { learnerId: teacher.id }))!.roleRequests.map((r) => [r.status, r.note])).toEqual([
      ["declined", "Trường THCS Yên Bình"],
      ["granted", null],
    ]);
  });
});
