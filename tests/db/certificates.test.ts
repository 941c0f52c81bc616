import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Database } from "#db/client";
import { createGuest, mergeGuestIntoAccount, signUp } from "~/modules/accounts/learners.server";
import { grantRole, hasRole, revokeRole, rolesOf } from "~/modules/accounts/roles.server";
import { parseCode } from "~/modules/certificates/code";
import { publicJwk, verifyCertificateToken } from "~/modules/certificates/signing";
import {
  claimCertificate,
  claimsOf,
  findCertificate,
  findOwnCertificate,
  listCertificates,
  revocationBits,
  revokeCertificate,
  type IssueContext,
} from "~/modules/certificates/store.server";
import { recordAttempt, type ItemRef } from "~/modules/progress/attempts.server";
import { dialects, useFreshDatabase } from "./databases";

const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const kid = publicJwk(publicKey).kid;
const keys = new Map([[kid, publicKey]]);

const ctx: IssueContext = {
  modules: [
    {
      id: "cashless-payment",
      lessonIds: ["bank-app-basics", "paying-with-vietqr"],
      practiceIds: ["check-the-payment"],
      titles: { vi: "Thanh toán không dùng tiền mặt", en: "Cashless payment" },
    },
    {
      id: "scam-avoidance",
      lessonIds: ["fake-police-calls"],
      practiceIds: [],
      titles: { vi: "Phòng tránh lừa đảo", en: "Avoiding scams" },
    },
  ],
  programme: {
    id: "basic-digital-skills",
    coreModules: ["cashless-payment", "scam-avoidance"],
    titles: {
      vi: "Giấy chứng nhận hoàn thành khóa học kỹ năng số cơ bản",
      en: "Certificate of completion of the basic digital-skills course",
    },
  },
  signer: { privateKey, kid },
  issuer: { vi: "UBND xã Tân Phú", en: "Tan Phu Commune" },
};

async function pass(db: Database, learnerId: string, item: ItemRef, at: string) {
  await recordAttempt(db, {
    learnerId,
    item,
    locale: "vi",
    answers: { q1: ["a"] },
    graded: { correctCount: 5, totalCount: 5, score: 100 },
    passMark: 0.8,
    now: new Date(at),
  });
}
const lesson = (id: string, moduleId = "cashless-payment"): ItemRef => ({ kind: "lesson", id, moduleId });
const practice = (id: string, moduleId = "cashless-payment"): ItemRef => ({ kind: "practice", id, moduleId });

async function finishCashless(db: Database, learnerId: string) {
  await pass(db, learnerId, lesson("bank-app-basics"), "2026-03-01T02:00:00.000Z");
  await pass(db, learnerId, practice("check-the-payment"), "2026-03-01T20:30:00.000Z");
  await pass(db, learnerId, lesson("paying-with-vietqr"), "2026-03-01T03:00:00.000Z");
}

let accounts = 0;
async function account(db: Database, displayName = "Nguyễn Thị Lan") {
  const result = await signUp(db, { guestId: null, displayName, login: `hocvien${++accounts}`, password: "mat-khau-rat-dai" });
  if (!result.ok) throw new Error("sign-up failed");
  return result.learner;
}

const claim = (
  db: Database,
  learnerId: string,
  subjectId = "cashless-payment",
  printedName = "Nguyễn Thị Lan",
  kind: "module" | "programme" = "module",
) => claimCertificate(db, { learnerId, subject: { kind, id: subjectId }, printedName, locale: "vi" }, ctx);

describe.each(dialects)("certificates on %s", (dialect) => {
  let db: Database;
  useFreshDatabase(dialect, (fresh) => (db = fresh));

  it("issues a module certificate only once every lesson is mastered and the practice completed", async () => {
    const learner = await account(db);
    await pass(db, learner.id, lesson("bank-app-basics"), "2026-03-01T02:00:00.000Z");
    await pass(db, learner.id, lesson("paying-with-vietqr"), "2026-03-01T03:00:00.000Z");
    expect(await claim(db, learner.id)).toEqual({ ok: false, reason: "not-eligible" });
    await pass(db, learner.id, practice("check-the-payment"), "2026-03-01T20:30:00.000Z");

    const result = await claim(db, learner.id, "cashless-payment", "  Nguyễn   Thị Lan ".normalize("NFD").trim().replace(/\s+/g, " "));
    expect(result.ok && result.created).toBe(true);
    if (!result.ok) return;
    const c = result.certificate;
    expect(parseCode(c.code)).toEqual({ ok: true, code: c.code });
    expect(c.printedName).toBe("Nguyễn Thị Lan");
    expect(c.printedName).toBe(c.printedName.normalize("NFC"));
    // Completed when the last item was passed; dated in Vietnam's time zone (03:30 on 2 March there).
    expect(c.completedAt).toBe("2026-03-01T20:30:00.000Z");
    expect(claimsOf(c).d).toBe("2026-03-02");
    expect(c.titles).toEqual({ vi: "Thanh toán không dùng tiền mặt", en: "Cashless payment" });
    expect(c.issuer).toEqual(ctx.issuer);
    // The stored token is the signed form of exactly what the certificate says.
    expect(verifyCertificateToken(c.token, keys)).toEqual({ ok: true, claims: claimsOf(c), kid });
    expect(await findCertificate(db, { code: c.code })).toEqual(c);
  });

  it("never issues a second certificate for the same module, even to claims made at the same time", async () => {
    const learner = await account(db);
    await finishCashless(db, learner.id);
    const results = await Promise.all(Array.from({ length: 5 }, () => claim(db, learner.id)));
    const codes = new Set(results.map((r) => (r.ok ? r.certificate.code : r.reason)));
    expect(codes.size).toBe(1);
    expect(results.filter((r) => r.ok && r.created)).toHaveLength(1);
    expect(await listCertificates(db, { learnerId: learner.id })).toHaveLength(1);
  });

  it("asks a guest who qualifies for an account, then issues without redoing anything", async () => {
    const guest = await createGuest(db);
    await finishCashless(db, guest.id);
    expect(await claim(db, guest.id)).toEqual({ ok: false, reason: "needs-account" });
    const signed = await signUp(db, { guestId: guest.id, displayName: "Trần Văn Bảy", login: "tranvanbay", password: "mat-khau-rat-dai" });
    expect(signed.ok).toBe(true);
    const result = await claim(db, guest.id, "cashless-payment", "Trần Văn Bảy");
    expect(result).toMatchObject({
      ok: true,
      created: true,
      certificate: { printedName: "Trần Văn Bảy", completedAt: "2026-03-01T20:30:00.000Z" },
    });
  });

  it("also issues to a guest who logs in to an existing account (their work moves along)", async () => {
    const existing = await account(db, "Lê Thị Hoa");
    const guest = await createGuest(db);
    await finishCashless(db, guest.id);
    await mergeGuestIntoAccount(db, { guestId: guest.id, accountId: existing.id });
    expect(await claim(db, existing.id, "cashless-payment", "Lê Thị Hoa")).toMatchObject({ ok: true, created: true });
  });

  it("issues the programme certificate when every core module is certified", async () => {
    const learner = await account(db);
    await finishCashless(db, learner.id);
    await claim(db, learner.id);
    expect(await claim(db, learner.id, "basic-digital-skills", "Nguyễn Thị Lan", "programme")).toEqual({
      ok: false,
      reason: "not-eligible",
    });
    await pass(db, learner.id, lesson("fake-police-calls", "scam-avoidance"), "2026-03-10T01:00:00.000Z");
    // Mastering the module is not enough: its certificate must be claimed first.
    expect(await claim(db, learner.id, "basic-digital-skills", "Nguyễn Thị Lan", "programme")).toEqual({
      ok: false,
      reason: "not-eligible",
    });
    await claim(db, learner.id, "scam-avoidance");
    const programme = await claim(db, learner.id, "basic-digital-skills", "Nguyễn Thị Lan", "programme");
    expect(programme).toMatchObject({
      ok: true,
      certificate: { kind: "programme", subjectId: "basic-digital-skills", completedAt: "2026-03-10T01:00:00.000Z" },
    });
    expect(await claim(db, learner.id, "no-such-module")).toEqual({ ok: false, reason: "unknown-subject" });
    expect(await claim(db, learner.id, "cashless-payment", "x", "programme")).toEqual({ ok: false, reason: "unknown-subject" });
  });

  it("shows a learner only their own certificates", async () => {
    const owner = await account(db);
    const other = await account(db, "Người Khác");
    await finishCashless(db, owner.id);
    const result = await claim(db, owner.id);
    if (!result.ok) throw new Error("claim failed");
    const code = result.certificate.code;
    expect(await findOwnCertificate(db, { learnerId: owner.id, code })).not.toBeNull();
    expect(await findOwnCertificate(db, { learnerId: other.id, code })).toBeNull();
    expect(await listCertificates(db, { learnerId: other.id })).toEqual([]);
  });

  it("revokes with a reason; the learner may claim again only if the administrator allowed it", async () => {
    const admin = await account(db, "Quản Trị");
    const learner = await account(db);
    await finishCashless(db, learner.id);
    const first = await claim(db, learner.id);
    if (!first.ok) throw new Error("claim failed");
    const code = first.certificate.code;

    const revoked = await revokeCertificate(db, {
      code,
      reason: "Cấp nhầm người",
      by: admin.id,
      now: new Date("2026-04-01T00:00:00.000Z"),
    });
    expect(revoked).toMatchObject({
      ok: true,
      certificate: { revoked: { at: "2026-04-01T00:00:00.000Z", reason: "Cấp nhầm người", by: admin.id } },
    });
    expect(await revokeCertificate(db, { code, reason: "again", by: admin.id })).toEqual({ ok: false, reason: "already-revoked" });
    expect(await revokeCertificate(db, { code: "00000-00000-00000", reason: "none", by: admin.id })).toEqual({
      ok: false,
      reason: "unknown",
    });
    expect(await claim(db, learner.id)).toEqual({ ok: false, reason: "revoked" });

    // A misprinted name: revoked with leave to claim again, under the corrected name.
    const learner2 = await account(db);
    await finishCashless(db, learner2.id);
    const wrong = await claim(db, learner2.id, "cashless-payment", "Nguyen Thi Lan");
    if (!wrong.ok) throw new Error("claim failed");
    await revokeCertificate(db, { code: wrong.certificate.code, reason: "Tên in thiếu dấu", by: admin.id, allowReissue: true });
    const fixed = await claim(db, learner2.id, "cashless-payment", "Nguyễn Thị Lan");
    expect(fixed).toMatchObject({ ok: true, created: true, certificate: { printedName: "Nguyễn Thị Lan" } });
    if (fixed.ok) expect(fixed.certificate.code).not.toBe(wrong.certificate.code);
    expect((await listCertificates(db, { learnerId: learner2.id })).map((c) => c.revoked !== null).sort()).toEqual([false, true]);
  });

  it("gives every certificate its own bit in the revocation list, even to claims made at once", async () => {
    const before = await revocationBits(db);
    const learners = await Promise.all([account(db), account(db), account(db)]);
    for (const l of learners) await finishCashless(db, l.id);
    const results = await Promise.all(learners.map((l) => claim(db, l.id)));
    const indices = results.map((r) => (r.ok ? r.certificate.statusIndex : null));
    expect(new Set(indices).size).toBe(3);
    const next = before.highest + 1;
    expect([...indices].sort((a, b) => a! - b!)).toEqual([next, next + 1, next + 2]);
    expect((await revocationBits(db)).highest).toBe(next + 2);
    const second = results[1]!;
    if (!second.ok) throw new Error("claim failed");
    await revokeCertificate(db, { code: second.certificate.code, reason: "Cấp nhầm", by: null });
    const after = await revocationBits(db);
    expect(after.revoked.filter((i) => !before.revoked.includes(i))).toEqual([second.certificate.statusIndex]);
  });

  it("revoking a module certificate revokes the programme certificate issued on it, and only that", async () => {
    const learner = await account(db);
    await finishCashless(db, learner.id);
    await pass(db, learner.id, lesson("fake-police-calls", "scam-avoidance"), "2026-03-10T01:00:00.000Z");
    const cashless = await claim(db, learner.id);
    const scams = await claim(db, learner.id, "scam-avoidance");
    const programme = await claim(db, learner.id, "basic-digital-skills", "Nguyễn Thị Lan", "programme");
    if (!cashless.ok || !scams.ok || !programme.ok) throw new Error("claims failed");
    // Another learner's programme certificate is untouched.
    const other = await account(db, "Người Khác");
    await finishCashless(db, other.id);
    await pass(db, other.id, lesson("fake-police-calls", "scam-avoidance"), "2026-03-10T01:00:00.000Z");
    await claim(db, other.id);
    await claim(db, other.id, "scam-avoidance");
    const others = await claim(db, other.id, "basic-digital-skills", "Người Khác", "programme");
    if (!others.ok) throw new Error("claim failed");

    const coreModulesOf = (id: string) => (id === ctx.programme!.id ? ctx.programme!.coreModules : null);
    const result = await revokeCertificate(db, { code: scams.certificate.code, reason: "Cấp nhầm", by: null, coreModulesOf });
    expect(result.ok && result.alsoRevoked.map((c) => c.code)).toEqual([programme.certificate.code]);
    const after = await findCertificate(db, { code: programme.certificate.code });
    expect(after?.revoked).toMatchObject({ reason: `${scams.certificate.code}: Cấp nhầm` });
    expect((await findCertificate(db, { code: cashless.certificate.code }))?.revoked).toBeNull();
    expect((await findCertificate(db, { code: others.certificate.code }))?.revoked).toBeNull();
    // Holding the module again (leave given), the learner may claim the programme again.
    await revokeCertificate(db, { code: cashless.certificate.code, reason: "Tên sai", by: null, allowReissue: true, coreModulesOf });
    expect(await claim(db, learner.id, "basic-digital-skills", "Nguyễn Thị Lan", "programme")).toEqual({
      ok: false,
      reason: "not-eligible",
    });
    expect(await claim(db, learner.id)).toMatchObject({ ok: true, created: true });
  });

  it("grants and checks roles; guests never hold one", async () => {
    const admin = await account(db, "Quản Trị Viên");
    const guest = await createGuest(db);
    expect(await hasRole(db, { learnerId: admin.id, role: "admin" })).toBe(false);
    expect(await grantRole(db, { learnerId: admin.id, role: "admin" })).toBe(true);
    expect(await grantRole(db, { learnerId: admin.id, role: "admin" })).toBe(true);
    expect(await hasRole(db, { learnerId: admin.id, role: "admin" })).toBe(true);
    expect(await hasRole(db, { learnerId: admin.id, role: "mentor" })).toBe(false);
    expect(await rolesOf(db, { learnerId: admin.id })).toEqual(["admin"]);
    expect(await grantRole(db, { learnerId: guest.id, role: "admin" })).toBe(false);
    expect(await hasRole(db, { learnerId: guest.id, role: "admin" })).toBe(false);
    expect(await revokeRole(db, { learnerId: admin.id, role: "admin" })).toBe(true);
    expect(await hasRole(db, { learnerId: admin.id, role: "admin" })).toBe(false);
  });
});
