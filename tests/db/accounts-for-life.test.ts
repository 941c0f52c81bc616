import { generateKeyPairSync } from "node:crypto";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { Database, Dialect } from "#db/client";
import { consentsOf, giveConsent, withdrawConsent } from "~/modules/accounts/consent.server";
import { deleteAccount, WITHDRAWN_HOLDER_ID, WITHDRAWN_REASON } from "~/modules/accounts/deletion.server";
import { createGuest, signUp } from "~/modules/accounts/learners.server";
import { collectMyData } from "~/modules/accounts/my-data.server";
import { createPinLearners, resetPin } from "~/modules/accounts/pin.server";
import { createRecoverySet, issueResetCode, resetPasswordWithCode } from "~/modules/accounts/recovery.server";
import { authenticate } from "~/modules/accounts/learners.server";
import { runMaintenance } from "~/modules/accounts/retention.server";
import { grantRole } from "~/modules/accounts/roles.server";
import { createSession, findSessionLearner } from "~/modules/accounts/sessions.server";
import { listAudit, recordAudit } from "~/modules/audit/audit.server";
import { addMembers, assignModule, createClass, joinClass } from "~/modules/classes/classes.server";
import { answerInvite, createInvite } from "~/modules/classes/follow.server";
import { recordAttendance, startSessionOfDay } from "~/modules/classes/sessions.server";
import { publicJwk } from "~/modules/certificates/signing";
import { claimCertificate, findCertificate, type IssueContext } from "~/modules/certificates/store.server";
import { recordAttempt, type ItemRef } from "~/modules/progress/attempts.server";
import { setLearnerPlace } from "~/modules/units/units.server";
import { dialects, useFreshDatabase } from "./databases";

const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const ctx: IssueContext = {
  modules: [
    {
      id: "scam-avoidance",
      lessonIds: ["fake-police-calls"],
      practiceIds: [],
      titles: { vi: "Phòng tránh lừa đảo", en: "Avoiding scams" },
    },
  ],
  programme: { id: "basic-digital-skills", coreModules: ["scam-avoidance"], titles: { vi: "Khóa học", en: "Course" } },
  signer: { privateKey, kid: publicJwk(publicKey).kid },
  issuer: { vi: "UBND xã Tân Phú", en: "Tan Phu Commune" },
};
const lesson: ItemRef = { kind: "lesson", id: "fake-police-calls", moduleId: "scam-avoidance" };

let n = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(n++).toString(36)}`;
async function account(db: Database, name: string, login = unique("acc")) {
  const result = await signUp(db, { guestId: null, displayName: name, login, password: "mat-khau-cu-dai" });
  if (!result.ok) throw new Error("sign-up failed");
  return result.learner;
}
const pass = (db: Database, learnerId: string, when: string, score = 100) =>
  recordAttempt(db, {
    learnerId,
    item: lesson,
    locale: "vi",
    answers: { q1: ["a"] },
    graded: { correctCount: score === 100 ? 5 : 2, totalCount: 5, score },
    passMark: 0.8,
    now: new Date(when),
  });

/** Every table of the database, by the dialect's own catalogue (so a table added later is checked too). */
async function allTables(db: Database, dialect: Dialect): Promise<string[]> {
  if (dialect === "sqlite") {
    const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(
      db,
    );
    return rows.map((r) => r.name);
  }
  const { rows } = await sql<{ name: string }>`select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
  return rows.map((r) => r.name);
}

describe.each(dialects)("accounts for life on %s", (dialect) => {
  let db: Database;
  useFreshDatabase(dialect, (fresh) => (db = fresh));

  it("a recovery code works once, ends every session, and the old password stops working", async () => {
    const login = unique("lan");
    const learner = await account(db, "Nguyễn Thị Lan", login);
    const token = await createSession(db, { learnerId: learner.id });
    const codes = await createRecoverySet(db, { learnerId: learner.id });
    expect(codes).toHaveLength(8);
    // Stored hashed, never in clear.
    const stored = await db.selectFrom("recovery_codes").selectAll().where("learner_id", "=", learner.id).execute();
    expect(stored.every((r) => r.code_hash.startsWith("$argon2") && !codes.some((c) => r.code_hash.includes(c.slice(4))))).toBe(true);

    const typed = codes[0]!.toLowerCase().replace(/(.{4})/g, "$1 ");
    const first = await resetPasswordWithCode(db, { login, code: typed, password: "mat-khau-moi-dai", address: "10.0.0.1" });
    expect(first.ok && first.via).toBe("recovery");
    expect(await findSessionLearner(db, { token })).toBeNull();
    expect(await authenticate(db, { login, password: "mat-khau-cu-dai" })).toBeNull();
    expect((await authenticate(db, { login, password: "mat-khau-moi-dai" }))?.id).toBe(learner.id);

    const again = await resetPasswordWithCode(db, { login, code: codes[0]!, password: "lan-thu-hai-dai", address: "10.0.0.1" });
    expect(again).toEqual({ ok: false, reason: "bad" });
    // Another code of the set still works; a new set makes the old ones stop working.
    await createRecoverySet(db, { learnerId: learner.id });
    expect(await resetPasswordWithCode(db, { login, code: codes[1]!, password: "lan-thu-ba-dai", address: "10.0.0.1" })).toEqual({
      ok: false,
      reason: "bad",
    });
  });

  it("a reset code is issued by an instructor of the learner's class or an administrator, never another class's instructor", async () => {
    const login = unique("minh");
    const learner = await account(db, "Trần Văn Minh", login);
    const teacher = await account(db, "Cô Hạnh");
    const otherTeacher = await account(db, "Thầy Khác");
    const admin = await account(db, "Quản Trị");
    for (const t of [teacher, otherTeacher]) await grantRole(db, { learnerId: t.id, role: "instructor" });
    await grantRole(db, { learnerId: admin.id, role: "admin" });
    const klass = await createClass(db, { ownerId: teacher.id, name: "Lớp A", place: null, schedule: null });
    await createClass(db, { ownerId: otherTeacher.id, name: "Lớp B", place: null, schedule: null });
    await joinClass(db, { classId: klass.id, learnerId: learner.id });

    expect(await issueResetCode(db, { issuerId: otherTeacher.id, learnerId: learner.id })).toBeNull();
    const byTeacher = await issueResetCode(db, { issuerId: teacher.id, learnerId: learner.id, classId: klass.id });
    expect(byTeacher).not.toBeNull();
    const byAdmin = await issueResetCode(db, { issuerId: admin.id, learnerId: learner.id });
    expect(byAdmin).not.toBeNull();
    // A new code replaces the one not used yet.
    expect(await resetPasswordWithCode(db, { login, code: byTeacher!.code, password: "moi-moi-moi-1", address: "10.0.0.2" })).toEqual({
      ok: false,
      reason: "bad",
    });
    // Expired after a day.
    const late = new Date(Date.now() + 25 * 3_600_000);
    expect(
      await resetPasswordWithCode(db, { login, code: byAdmin!.code, password: "moi-moi-moi-1", address: "10.0.0.2", now: late }),
    ).toEqual({
      ok: false,
      reason: "bad",
    });
    const used = await resetPasswordWithCode(db, { login, code: byAdmin!.code, password: "moi-moi-moi-1", address: "10.0.0.2" });
    expect(used.ok && used.via).toBe("reset");
    // Who issued it is on record.
    const issued = await db.selectFrom("reset_codes").select("issued_by").where("learner_id", "=", learner.id).execute();
    expect(issued.map((r) => r.issued_by)).toEqual([admin.id]);
    const audit = await listAudit(db, { action: "password.resetCode" });
    expect(audit.filter((a) => a.subject.kind === "account" && a.subject.name === "Trần Văn Minh")).toHaveLength(2);
  });

  it("a PIN reset ends the learner's sessions", async () => {
    const teacher = await account(db, "Cô Hoa");
    const [pinLearner] = await createPinLearners(db, {
      createdBy: teacher.id,
      people: [{ fullName: "Bà Tư", birthYear: 1950, place: "Thôn 1" }],
    });
    const token = await createSession(db, { learnerId: pinLearner!.id });
    await resetPin(db, { learnerId: pinLearner!.id });
    expect(await findSessionLearner(db, { token })).toBeNull();
  });

  it("the export holds every attempt, and deletion leaves no row that names the learner, table by table", async () => {
    const name = "Zqxvu Thị Riêng";
    const login = unique("zqxlogin");
    const place = "Xóm Zqxplace";
    const learner = await account(db, name, login);
    const teacher = await account(db, "Cô Giáo Ở Lại");
    await grantRole(db, { learnerId: teacher.id, role: "instructor" });
    const klass = await createClass(db, { ownerId: teacher.id, name: "Lớp Ở Lại", place: null, schedule: null });
    await joinClass(db, { classId: klass.id, learnerId: learner.id });
    await assignModule(db, { classId: klass.id, ownerId: teacher.id, moduleId: "scam-avoidance", dueDate: null });
    const session = await startSessionOfDay(db, { classId: klass.id, now: new Date() });
    await recordAttendance(db, { sessionId: session.id, memberIds: [learner.id], presentIds: new Set([learner.id]) });
    await db
      .insertInto("learner_profiles")
      .values({ learner_id: learner.id, birth_year: 1970, place, created_by: null, created_at: new Date().toISOString() })
      .onConflict((oc) => oc.column("learner_id").doUpdateSet({ place }))
      .execute();
    await setLearnerPlace(db, { learnerId: learner.id, place: { unitCode: null, audience: "worker", birthYear: 1970 } });
    await giveConsent(db, { learnerId: learner.id, purpose: "terms" });
    await giveConsent(db, { learnerId: learner.id, purpose: "leaderboard" });
    await createSession(db, { learnerId: learner.id, device: "Android · Chrome" });
    await createRecoverySet(db, { learnerId: learner.id });
    const mentor = await account(db, "Đại Sứ Ở Lại");
    const invite = await createInvite(db, { followerId: mentor.id, kind: "mentor" });
    await answerInvite(db, { code: invite.invite_code, learnerId: learner.id, agree: true });
    await db
      .insertInto("learner_preferences")
      .values({ learner_id: learner.id, text_size: 150, contrast: "high", updated_at: new Date().toISOString() })
      .execute();
    for (let i = 0; i < 7; i++) await pass(db, learner.id, `2026-03-0${i + 1}T02:00:00.000Z`, i < 6 ? 40 : 100);
    const claimed = await claimCertificate(
      db,
      { learnerId: learner.id, subject: { kind: "module", id: "scam-avoidance" }, printedName: name, locale: "vi" },
      ctx,
    );
    expect(claimed.ok).toBe(true);
    const code = claimed.ok ? claimed.certificate.code : "";
    await issueResetCode(db, { issuerId: teacher.id, learnerId: learner.id, classId: klass.id });
    await recordAudit(db, { actorId: teacher.id, action: "class.remove", subjectId: learner.id, classId: klass.id });
    // Their own staff acts in others' rows: they granted a role to someone.
    const other = await account(db, "Người Khác");
    await db
      .insertInto("learner_roles")
      .values({ learner_id: other.id, role: "mentor", granted_at: new Date().toISOString(), granted_by: learner.id })
      .execute();

    const data = await collectMyData(db, { learnerId: learner.id });
    expect(data!.attempts).toHaveLength(7);
    const attemptIds = (await db.selectFrom("attempts").select("id").where("learner_id", "=", learner.id).execute())
      .map((r) => r.id)
      .sort();
    expect(data!.attempts.map((a) => a.id).sort()).toEqual(attemptIds);
    expect(data!.attempts[0]!.answers).toEqual({ q1: ["a"] });
    expect(data!.classes.map((c) => c.name)).toEqual(["Lớp Ở Lại"]);
    expect(data!.followedBy.map((f) => f.person)).toEqual(["Đại Sứ Ở Lại"]);
    expect(data!.certificates.map((c) => c.code)).toEqual([code]);
    expect(data!.sessions.map((s) => s.device)).toEqual(["Android · Chrome"]);
    expect(data!.profile?.place).toBe(place);
    expect(data!.consents.map((c) => c.purpose).sort()).toEqual(["leaderboard", "terms"]);
    expect(JSON.stringify(data)).not.toMatch(/argon2/);

    const deleted = await deleteAccount(db, { learnerId: learner.id, actorId: null });
    expect(deleted).toEqual({ ok: true, certificatesRevoked: 1 });

    const needles = [name, login, place, learner.id, "Zqx", "zqx"];
    const problems: string[] = [];
    const tables = await allTables(db, dialect);
    expect(tables).toEqual(
      expect.arrayContaining(["learners", "attempts", "certificates", "audit_log", "consents", "recovery_codes", "reset_codes"]),
    );
    for (const table of tables) {
      const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
      for (const row of rows) {
        const text = JSON.stringify(row);
        for (const needle of needles) if (text.includes(needle)) problems.push(`${table}: ${needle} in ${text.slice(0, 200)}`);
      }
    }
    expect(problems).toEqual([]);

    // The certificate stays, revoked with the reason, held by nobody with a name.
    const certificate = await findCertificate(db, { code });
    expect(certificate?.revoked?.reason).toBe(WITHDRAWN_REASON);
    expect(certificate?.printedName).toBe("");
    const holder = await db.selectFrom("learners").selectAll().where("id", "=", certificate!.learnerId).executeTakeFirstOrThrow();
    expect(holder).toMatchObject({ kind: "withdrawn", display_name: null, username: null, password_hash: null });
    // Other people's things stay: the class, its teacher, the mentor, the role the learner had granted.
    expect(await db.selectFrom("classes").select("id").where("id", "=", klass.id).executeTakeFirst()).toBeTruthy();
    expect(await db.selectFrom("learner_roles").select("role").where("learner_id", "=", other.id).executeTakeFirst()).toEqual({
      role: "mentor",
    });
    // The audit log keeps what staff did, without the person.
    const audit = await listAudit(db, {});
    const removal = audit.find((a) => a.action === "class.remove");
    expect(removal?.subject).toEqual({ kind: "deleted" });
    expect(removal?.actor).toMatchObject({ kind: "account", name: "Cô Giáo Ở Lại" });
  });

  it("a facilitator deletes a PIN learner on their behalf: recorded without the name", async () => {
    const teacher = await account(db, "Cô Mai");
    const [pinLearner] = await createPinLearners(db, {
      createdBy: teacher.id,
      people: [{ fullName: "Ông Sáu Zqy", birthYear: 1948, place: null }],
    });
    const klass = await createClass(db, { ownerId: teacher.id, name: "Lớp Mai", place: null, schedule: null });
    await addMembers(db, { classId: klass.id, learnerIds: [pinLearner!.id] });
    expect(await deleteAccount(db, { learnerId: pinLearner!.id, actorId: teacher.id, classId: klass.id })).toMatchObject({ ok: true });
    const entry = (await listAudit(db, { action: "account.delete" }))[0]!;
    expect(entry.subject).toEqual({ kind: "deleted" });
    expect(JSON.stringify(await db.selectFrom("audit_log").selectAll().execute())).not.toContain("Zqy");
    expect(await deleteAccount(db, { learnerId: WITHDRAWN_HOLDER_ID })).toEqual({ ok: false, reason: "unknown" });
  });

  it("PIN learners a facilitator creates have their consent on record, recorded by the facilitator", async () => {
    const teacher = await account(db, "Cô Lan Ghi Nhận");
    const [withYear, without] = await createPinLearners(db, {
      createdBy: teacher.id,
      people: [
        { fullName: "Bà Hai", birthYear: 1950, place: null },
        { fullName: "Ông Ba", birthYear: null, place: null },
      ],
    });
    const first = await consentsOf(db, { learnerId: withYear!.id });
    expect(first.map((c) => [c.purpose, c.recordedBy])).toEqual([
      ["terms", "Cô Lan Ghi Nhận"],
      ["profile", "Cô Lan Ghi Nhận"],
    ]);
    expect((await consentsOf(db, { learnerId: without!.id })).map((c) => c.purpose)).toEqual(["terms"]);
    expect((await collectMyData(db, { learnerId: withYear!.id }))!.consents[0]).toMatchObject({ recordedBy: "Cô Lan Ghi Nhận" });
    // The learner withdraws the optional data: the birth year goes.
    await withdrawConsent(db, { learnerId: withYear!.id, purpose: "profile" });
    const profile = await db.selectFrom("learner_profiles").selectAll().where("learner_id", "=", withYear!.id).executeTakeFirstOrThrow();
    expect(profile.birth_year).toBeNull();
    // The facilitator's account goes: the record stays, without who recorded it.
    await deleteAccount(db, { learnerId: teacher.id });
    expect((await consentsOf(db, { learnerId: withYear!.id })).map((c) => [c.purpose, c.recordedBy])).toEqual([
      ["terms", null],
      ["profile", null],
    ]);
  });

  it("withdrawing consent to the optional data clears it", async () => {
    const learner = await account(db, "Lê Thị Hồng");
    await setLearnerPlace(db, { learnerId: learner.id, place: { unitCode: null, audience: "student", birthYear: 2001 } });
    await giveConsent(db, { learnerId: learner.id, purpose: "profile" });
    await withdrawConsent(db, { learnerId: learner.id, purpose: "profile" });
    const profile = await db.selectFrom("learner_profiles").selectAll().where("learner_id", "=", learner.id).executeTakeFirst();
    expect(profile).toMatchObject({ unit_code: null, audience: null, birth_year: null });
    const [consent] = await consentsOf(db, { learnerId: learner.id });
    expect(consent?.withdrawnAt).toBeTruthy();
  });

  it("maintenance removes guests inactive for the period, expired sessions and invitations, and nothing else", async () => {
    const now = new Date("2027-06-01T00:00:00.000Z");
    const old = new Date("2026-01-01T00:00:00.000Z");
    const stale = await createGuest(db, old);
    await createSession(db, { learnerId: stale.id, now: old });
    await pass(db, stale.id, old.toISOString());
    const recent = await createGuest(db, old);
    await pass(db, recent.id, "2027-03-01T00:00:00.000Z");
    const member = await account(db, "Tài Khoản Cũ");
    await db
      .updateTable("learners")
      .set({ created_at: old.toISOString(), updated_at: old.toISOString() })
      .where("id", "=", member.id)
      .execute();
    const mentor = await account(db, "Người Mời");
    await createInvite(db, { followerId: mentor.id, kind: "family", now: old });

    const result = await runMaintenance(db, { guestMonths: 12, now });
    expect(result.guests).toBeGreaterThanOrEqual(1);
    expect(result.invitations).toBeGreaterThanOrEqual(1);
    const ids = (await db.selectFrom("learners").select("id").execute()).map((r) => r.id);
    expect(ids).not.toContain(stale.id);
    expect(ids).toEqual(expect.arrayContaining([recent.id, member.id, WITHDRAWN_HOLDER_ID]));
    expect(await db.selectFrom("attempts").select("id").where("learner_id", "=", stale.id).execute()).toEqual([]);
    expect(await db.selectFrom("sessions").select("id").where("expires_at", "<=", now.toISOString()).execute()).toEqual([]);
    // A shorter period removes the other guest too; a second run finds nothing more.
    expect((await runMaintenance(db, { guestMonths: 1, now })).guests).toBe(1);
    expect((await runMaintenance(db, { guestMonths: 1, now })).guests).toBe(0);
  });
});
