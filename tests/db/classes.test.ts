import { afterEach, describe, expect, it, vi } from "vitest";
import type { Database } from "#db/client";
import { authenticate, createGuest, mergeGuestIntoAccount, signUp } from "~/modules/accounts/learners.server";
import { attemptPinLogin, createPinLearners, pinLearnersByIds, pinWaits, resetPin } from "~/modules/accounts/pin.server";
import { grantRole, hasRole } from "~/modules/accounts/roles.server";
import { listAccounts } from "~/modules/accounts/admin.server";
import {
  addMembers,
  assignedWork,
  assignModule,
  createClass,
  findClassByCode,
  getMemberOfOwnedClass,
  getOwnedClass,
  instructorManagesLearner,
  joinClass,
  leaveClass,
  listAssignments,
  listMembers,
  listOwnedClasses,
  progressOfLearners,
  removeMember,
  unassignModule,
} from "~/modules/classes/classes.server";
import { answerInvite, createInvite, endLink, getFollowedPerson, listFollowers, listFollowing } from "~/modules/classes/follow.server";
import { attendanceOf, listSessions, recordAttendance, showLesson, startSessionOfDay } from "~/modules/classes/sessions.server";
import { recordAttempt } from "~/modules/progress/attempts.server";
import { dialects, useFreshDatabase } from "./databases";

const lesson = { kind: "lesson" as const, id: "fake-police-calls", moduleId: "scam-avoidance" };
const at = (iso: string) => new Date(iso);
let counter = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

async function account(db: Database, name: string) {
  const result = await signUp(db, { guestId: null, displayName: name, login: unique("acc"), password: "mat-khau-dai" });
  if (!result.ok) throw new Error("sign-up failed");
  return result.learner;
}

function attempt(db: Database, learnerId: string, passed: boolean, when: string) {
  return recordAttempt(db, {
    learnerId,
    item: lesson,
    locale: "vi",
    answers: {},
    graded: { correctCount: passed ? 5 : 2, totalCount: 5, score: passed ? 100 : 40 },
    passMark: 0.8,
    now: at(when),
  });
}

describe.each(dialects)("classes on %s", (dialect) => {
  let db: Database;
  useFreshDatabase(dialect, (fresh) => (db = fresh));

  it("creates learners with a username and a PIN, stored only as a hash", async () => {
    const teacher = await account(db, "Cô Hạnh");
    const created = await createPinLearners(db, {
      createdBy: teacher.id,
      people: [
        { fullName: "Nguyễn Thị Lan", birthYear: 1958, place: "Thôn 3" },
        { fullName: "Nguyễn Thị Lan", birthYear: 1960, place: "Thôn 4" },
      ],
    });
    expect(created).toHaveLength(2);
    expect(created[0]!.username).toMatch(/^lan\d{4}$/);
    expect(created[0]!.username).not.toBe(created[1]!.username);
    expect(created[0]!.pin).toMatch(/^\d{6}$/);
    const stored = await db.selectFrom("learner_pins").selectAll().where("learner_id", "=", created[0]!.id).executeTakeFirstOrThrow();
    expect(stored.pin_hash).toMatch(/^\$argon2id\$/);
    expect(stored.pin_hash).not.toContain(created[0]!.pin);
    const profile = await db.selectFrom("learner_profiles").selectAll().where("learner_id", "=", created[0]!.id).executeTakeFirstOrThrow();
    expect(Number(profile.birth_year)).toBe(1958);
    expect(profile.place).toBe("Thôn 3");

    const ok = await attemptPinLogin(db, { login: created[0]!.username, pin: created[0]!.pin, address: "10.0.0.1", deviceLearnerIds: [] });
    expect(ok.ok).toBe(true);
    // A PIN is not a password: the password form never lets a PIN account in.
    expect(await authenticate(db, { login: created[0]!.username, password: created[0]!.pin })).toBeNull();
    expect((await pinLearnersByIds(db, { learnerIds: [created[1]!.id, teacher.id, created[0]!.id] })).map((l) => l.id)).toEqual([
      created[1]!.id,
      created[0]!.id,
    ]);
  });

  describe("PIN guessing (decision 32: slow down, remembered devices, locks end by time)", () => {
    afterEach(() => vi.useRealTimers());
    const wrongFor = (pin: string) => (pin === "482913" ? "730561" : "482913");
    const clock = (iso: string) => {
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(new Date(iso));
    };

    it("slows one address after 5 wrong PINs, even for the right PIN, and lets it try once per slowdown", async () => {
      const teacher = await account(db, "Anh Minh");
      const [lan] = await createPinLearners(db, {
        createdBy: teacher.id,
        people: [{ fullName: "Trần Thị Lan", birthYear: null, place: null }],
      });
      const tryPin = (pin: string, address = "10.1.0.1") =>
        attemptPinLogin(db, { login: lan!.username, pin, address, deviceLearnerIds: [] });
      clock("2026-03-01T08:00:00.000Z");
      for (let i = 1; i <= 5; i++) expect(await tryPin(wrongFor(lan!.pin))).toEqual({ ok: false, reason: "bad" });
      expect(await tryPin(lan!.pin)).toEqual({ ok: false, reason: "wait", retryAfterSeconds: 60 });
      // Another address (another phone on another network) is not slowed by this one.
      expect((await tryPin(lan!.pin, "10.1.0.2")).ok).toBe(true);
      vi.setSystemTime(new Date("2026-03-01T08:01:00.500Z"));
      expect((await tryPin(lan!.pin)).ok).toBe(true);
    });

    it("answers an unknown username exactly like a real one", async () => {
      const teacher = await account(db, "Chị Hoa");
      const [tam] = await createPinLearners(db, {
        createdBy: teacher.id,
        people: [{ fullName: "Lê Thị Tâm", birthYear: null, place: null }],
      });
      const answers = async (login: string, address: string) => {
        const seen = [];
        for (let i = 0; i < 8; i++) seen.push(await attemptPinLogin(db, { login, pin: wrongFor(tam!.pin), address, deviceLearnerIds: [] }));
        return seen;
      };
      clock("2026-03-01T09:00:00.000Z");
      expect(await answers(tam!.username, "10.2.0.1")).toEqual(await answers(`${tam!.username.replace(/\d+$/, "")}0000`, "10.2.0.2"));
    });

    it("lets a stranger lock only devices the learner never used, and only until the hour ends or the PIN is reset", async () => {
      const teacher = await account(db, "Thầy Bình");
      const [tu] = await createPinLearners(db, {
        createdBy: teacher.id,
        people: [{ fullName: "Lê Văn Tư", birthYear: null, place: null }],
      });
      clock("2026-03-01T10:00:00.000Z");
      // 20 wrong PINs from 5 addresses (4 each, under each address's slowdown): the account-wide limit.
      for (let i = 0; i < 20; i++)
        expect(
          (await attemptPinLogin(db, { login: tu!.username, pin: wrongFor(tu!.pin), address: `10.3.0.${i % 5}`, deviceLearnerIds: [] })).ok,
        ).toBe(false);
      const fromNewPhone = await attemptPinLogin(db, { login: tu!.username, pin: tu!.pin, address: "10.3.9.9", deviceLearnerIds: [] });
      expect(fromNewPhone).toMatchObject({ ok: false, reason: "wait" });
      expect((await pinWaits(db, { learners: [tu!] })).get(tu!.id)).toBeGreaterThan(3000);
      // His own phone (the signed __device cookie names him) is not affected: the right PIN goes through.
      const fromOwnPhone = await attemptPinLogin(db, {
        login: tu!.username,
        pin: tu!.pin,
        address: "10.3.0.1",
        deviceLearnerIds: [tu!.id],
      });
      expect(fromOwnPhone.ok).toBe(true);
      // The lock ends by time.
      vi.setSystemTime(new Date("2026-03-01T11:00:01.000Z"));
      expect((await attemptPinLogin(db, { login: tu!.username, pin: tu!.pin, address: "10.3.9.9", deviceLearnerIds: [] })).ok).toBe(true);
      // …or when the facilitator resets the PIN.
      for (let i = 0; i < 20; i++)
        await attemptPinLogin(db, { login: tu!.username, pin: "000000", address: `10.3.1.${i % 5}`, deviceLearnerIds: [] });
      expect((await pinWaits(db, { learners: [tu!] })).get(tu!.id)).toBeGreaterThan(0);
      const newPin = await resetPin(db, { learnerId: tu!.id });
      expect(newPin).toMatch(/^\d{6}$/);
      expect((await pinWaits(db, { learners: [tu!] })).get(tu!.id)).toBe(0);
      expect((await attemptPinLogin(db, { login: tu!.username, pin: tu!.pin, address: "10.3.9.8", deviceLearnerIds: [] })).ok).toBe(
        newPin === tu!.pin,
      );
      expect((await attemptPinLogin(db, { login: tu!.username, pin: newPin!, address: "10.3.9.8", deviceLearnerIds: [] })).ok).toBe(true);
      expect(await resetPin(db, { learnerId: teacher.id })).toBeNull();
    });

    it("lets only the allowed number of simultaneous guesses through", async () => {
      const teacher = await account(db, "Chị Mai");
      const [ba] = await createPinLearners(db, {
        createdBy: teacher.id,
        people: [{ fullName: "Lê Văn Ba", birthYear: null, place: null }],
      });
      clock("2026-03-01T12:00:00.000Z");
      for (let i = 0; i < 4; i++)
        await attemptPinLogin(db, { login: ba!.username, pin: wrongFor(ba!.pin), address: "10.4.0.1", deviceLearnerIds: [] });
      const results = await Promise.all(
        [0, 1, 2, 3].map(() =>
          attemptPinLogin(db, { login: ba!.username, pin: wrongFor(ba!.pin), address: "10.4.0.1", deviceLearnerIds: [] }),
        ),
      );
      // The 5th starts the slowdown: the others must wait (a racing one may take the minute's single try).
      const checked = results.filter((r) => !r.ok && r.reason === "bad").length;
      expect(checked).toBeGreaterThanOrEqual(1);
      expect(checked).toBeLessThanOrEqual(2);
      expect(results.filter((r) => !r.ok && r.reason === "wait").length).toBe(4 - checked);
    });
  });

  it("scopes classes to their instructor and keeps history when people leave", async () => {
    const owner = await account(db, "Cô Hạnh");
    const other = await account(db, "Thầy Bình");
    const klass = await createClass(db, { ownerId: owner.id, name: "Lớp Thôn 3", place: "Nhà văn hóa", schedule: "Tối thứ Năm" });
    expect(klass.join_code).toMatch(/^[346789ABCDEFGHJKMNPQRTUVWXY]{6}$/);
    expect(await getOwnedClass(db, { classId: klass.id, ownerId: other.id })).toBeNull();
    expect((await getOwnedClass(db, { classId: klass.id, ownerId: owner.id }))?.name).toBe("Lớp Thôn 3");
    expect((await findClassByCode(db, { code: klass.join_code }))?.ownerName).toBe("Cô Hạnh");

    const guest = await createGuest(db);
    expect(await joinClass(db, { classId: klass.id, learnerId: guest.id })).toBe("joined");
    expect(await joinClass(db, { classId: klass.id, learnerId: guest.id })).toBe("already");
    expect(await joinClass(db, { classId: klass.id, learnerId: owner.id })).toBe("owner");
    const [lan] = await createPinLearners(db, {
      createdBy: owner.id,
      people: [{ fullName: "Nguyễn Thị Lan", birthYear: 1958, place: "Thôn 3" }],
    });
    await addMembers(db, { classId: klass.id, learnerIds: [lan!.id] });
    expect((await listOwnedClasses(db, { ownerId: owner.id }))[0]?.memberCount).toBe(2);
    expect(await listOwnedClasses(db, { ownerId: other.id })).toEqual([]);

    expect(await getMemberOfOwnedClass(db, { classId: klass.id, ownerId: owner.id, learnerId: lan!.id })).toMatchObject({
      name: "Nguyễn Thị Lan",
      pin: true,
      birthYear: 1958,
    });
    expect(await getMemberOfOwnedClass(db, { classId: klass.id, ownerId: other.id, learnerId: lan!.id })).toBeNull();
    expect(await instructorManagesLearner(db, { ownerId: owner.id, learnerId: lan!.id })).toBe(true);
    expect(await instructorManagesLearner(db, { ownerId: other.id, learnerId: lan!.id })).toBe(false);

    // Another instructor cannot remove anyone; the owner can; the learner keeps their attempts.
    await attempt(db, lan!.id, true, "2026-03-01T08:00:00.000Z");
    expect(await removeMember(db, { classId: klass.id, ownerId: other.id, learnerId: lan!.id })).toBe(false);
    expect(await removeMember(db, { classId: klass.id, ownerId: owner.id, learnerId: lan!.id })).toBe(true);
    expect(await leaveClass(db, { classId: klass.id, learnerId: guest.id })).toBe(true);
    expect(await leaveClass(db, { classId: klass.id, learnerId: guest.id })).toBe(false);
    const members = await listMembers(db, { classId: klass.id });
    expect(members.active).toEqual([]);
    expect(members.former.map((f) => f.reason).sort()).toEqual(["left", "removed"]);
    expect(await getMemberOfOwnedClass(db, { classId: klass.id, ownerId: owner.id, learnerId: lan!.id })).toBeNull();
    expect(await instructorManagesLearner(db, { ownerId: owner.id, learnerId: lan!.id })).toBe(false);
    expect((await progressOfLearners(db, { learnerIds: [lan!.id] })).get(lan!.id)?.lessons.get(lesson.id)?.passed).toBe(1);
    // Re-joining brings them back.
    expect(await joinClass(db, { classId: klass.id, learnerId: guest.id })).toBe("joined");
    expect((await listMembers(db, { classId: klass.id })).active.map((m) => m.id)).toEqual([guest.id]);
  });

  it("assigns modules with due dates and shows learners their work", async () => {
    const owner = await account(db, "Cô Hạnh");
    const other = await account(db, "Thầy Bình");
    const klass = await createClass(db, { ownerId: owner.id, name: "Lớp 9A", place: null, schedule: null });
    const learner = await account(db, "Phạm Minh Đức");
    await joinClass(db, { classId: klass.id, learnerId: learner.id });
    expect(await assignModule(db, { classId: klass.id, ownerId: other.id, moduleId: "scam-avoidance", dueDate: null })).toBe(false);
    await assignModule(db, { classId: klass.id, ownerId: owner.id, moduleId: "scam-avoidance", dueDate: "2026-03-20" });
    await assignModule(db, { classId: klass.id, ownerId: owner.id, moduleId: "cashless-payment", dueDate: "2026-03-10" });
    await assignModule(db, { classId: klass.id, ownerId: owner.id, moduleId: "ai-daily-life", dueDate: null });
    await assignModule(db, { classId: klass.id, ownerId: owner.id, moduleId: "scam-avoidance", dueDate: "2026-03-25" });
    expect((await listAssignments(db, { classId: klass.id })).length).toBe(3);
    const work = await assignedWork(db, { learnerId: learner.id });
    expect(work.map((w) => [w.moduleId, w.dueDate])).toEqual([
      ["cashless-payment", "2026-03-10"],
      ["scam-avoidance", "2026-03-25"],
      ["ai-daily-life", null],
    ]);
    expect(await unassignModule(db, { classId: klass.id, ownerId: other.id, moduleId: "ai-daily-life" })).toBe(false);
    expect(await unassignModule(db, { classId: klass.id, ownerId: owner.id, moduleId: "ai-daily-life" })).toBe(true);
    await leaveClass(db, { classId: klass.id, learnerId: learner.id });
    expect(await assignedWork(db, { learnerId: learner.id })).toEqual([]);
  });

  it("moves a guest's class membership into the account they log in to", async () => {
    const owner = await account(db, "Cô Hạnh");
    const klass = await createClass(db, { ownerId: owner.id, name: "Lớp tối", place: null, schedule: null });
    const guest = await createGuest(db);
    await joinClass(db, { classId: klass.id, learnerId: guest.id });
    await attempt(db, guest.id, false, "2026-03-02T08:00:00.000Z");
    const target = await account(db, "Vũ Thị Hoa");
    await mergeGuestIntoAccount(db, { guestId: guest.id, accountId: target.id });
    expect((await listMembers(db, { classId: klass.id })).active.map((m) => m.id)).toEqual([target.id]);
    expect((await progressOfLearners(db, { learnerIds: [target.id] })).get(target.id)?.lessons.get(lesson.id)?.attempt_count).toBe(1);
  });

  it("keeps one session a day with its attendance", async () => {
    const owner = await account(db, "Anh Tuấn");
    const klass = await createClass(db, { ownerId: owner.id, name: "Tổ công nghệ số", place: null, schedule: null });
    const people = await createPinLearners(db, {
      createdBy: owner.id,
      people: ["Bà Tư", "Ông Năm", "Bà Sáu"].map((fullName) => ({ fullName, birthYear: null, place: null })),
    });
    await addMembers(db, { classId: klass.id, learnerIds: people.map((p) => p.id) });
    const first = await startSessionOfDay(db, { classId: klass.id, now: at("2026-03-05T12:00:00Z") });
    const again = await startSessionOfDay(db, { classId: klass.id, now: at("2026-03-05T13:00:00Z") });
    expect(again.id).toBe(first.id);
    expect(first.day).toBe("2026-03-05");
    const ids = people.map((p) => p.id);
    await recordAttendance(db, { sessionId: first.id, memberIds: ids, presentIds: new Set([ids[0]!, ids[2]!]) });
    await recordAttendance(db, { sessionId: first.id, memberIds: ids, presentIds: new Set([ids[0]!, ids[1]!]) });
    expect([...(await attendanceOf(db, { sessionId: first.id }))].sort()).toEqual([ids[0]!, ids[1]!].sort());
    await showLesson(db, { sessionId: first.id, moduleId: "smart-devices", lessonId: "camera-and-qr" });
    const next = await startSessionOfDay(db, { classId: klass.id, now: at("2026-03-12T12:00:00Z") });
    expect(next.id).not.toBe(first.id);
    const sessions = await listSessions(db, { classId: klass.id });
    expect(sessions.map((s) => [s.day, s.present])).toEqual([
      ["2026-03-12", 0],
      ["2026-03-05", 2],
    ]);
    expect(sessions[1]?.lessonId).toBe("camera-and-qr");
  });

  it("shares progress with a mentor only after consent, until either side ends it", async () => {
    const mentor = await account(db, "Đại sứ Hùng");
    const mentee = await account(db, "Bà Ba");
    const stranger = await account(db, "Người lạ");
    const invite = await createInvite(db, { followerId: mentor.id, kind: "mentor" });
    expect(invite.invite_code).toHaveLength(8);
    // Nothing is shared before the invited person agrees.
    expect((await listFollowing(db, { followerId: mentor.id })).people).toEqual([]);
    expect(await getFollowedPerson(db, { linkId: invite.id, followerId: mentor.id })).toBeNull();
    expect(await answerInvite(db, { code: invite.invite_code, learnerId: mentor.id, agree: true })).toBe("self");
    expect(await answerInvite(db, { code: invite.invite_code, learnerId: mentee.id, agree: true })).toBe("accepted");
    // Each invitation is answered once.
    expect(await answerInvite(db, { code: invite.invite_code, learnerId: stranger.id, agree: true })).toBe("gone");
    expect((await getFollowedPerson(db, { linkId: invite.id, followerId: mentor.id }))?.learnerId).toBe(mentee.id);
    expect(await getFollowedPerson(db, { linkId: invite.id, followerId: stranger.id })).toBeNull();
    expect((await listFollowers(db, { learnerId: mentee.id })).map((f) => f.name)).toEqual(["Đại sứ Hùng"]);
    // A stranger cannot end it; the mentee can.
    expect(await endLink(db, { linkId: invite.id, learnerId: stranger.id })).toBe(false);
    expect(await endLink(db, { linkId: invite.id, learnerId: mentee.id })).toBe(true);
    expect(await getFollowedPerson(db, { linkId: invite.id, followerId: mentor.id })).toBeNull();
    expect(await listFollowers(db, { learnerId: mentee.id })).toEqual([]);

    const declined = await createInvite(db, { followerId: mentor.id, kind: "family" });
    expect(await answerInvite(db, { code: declined.invite_code, learnerId: stranger.id, agree: false })).toBe("declined");
    expect((await listFollowing(db, { followerId: mentor.id })).invites).toEqual([]);

    const expired = await createInvite(db, { followerId: mentor.id, kind: "family", now: at("2020-01-01T00:00:00Z") });
    expect(await answerInvite(db, { code: expired.invite_code, learnerId: mentee.id, agree: true })).toBe("gone");
  });

  it("lists accounts and roles for the administrator", async () => {
    const person = await account(db, "Nguyễn Văn Quản");
    expect(await grantRole(db, { learnerId: person.id, role: "instructor" })).toBe(true);
    expect(await hasRole(db, { learnerId: person.id, role: "instructor" })).toBe(true);
    const found = await listAccounts(db, { search: person.username! });
    expect(found).toEqual([expect.objectContaining({ id: person.id, roles: ["instructor"] })]);
    expect((await listAccounts(db, { search: "Quản" })).some((a) => a.id === person.id)).toBe(true);
  });
});
