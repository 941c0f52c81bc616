import { randomInt, randomUUID } from "node:crypto";
import type { Database } from "#db/client";
import type { Insertable } from "kysely";
import { liveKind, type Learner, type RecoveryCodesTable } from "#db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import { instructorManagesLearner } from "~/modules/classes/classes.server";
import { clear } from "~/modules/limits/limits.server";
import { beginLogin } from "./login-limits.server";
import { hashPassword, verifyPassword } from "./password.server";
import { generateRecoveryCode, normaliseRecoveryCode, RECOVERY_SET_SIZE, RESET_CODE_HOURS, splitRecoveryCode } from "./recovery";
import { hasRole } from "./roles.server";

/**
 * The way back from a forgotten password, without e-mail or SMS (issue 14):
 * - recovery codes the learner prints and keeps with their ID card, each usable once;
 * - a reset code an instructor of one of the learner's classes, or an administrator, issues and
 *   hands over in person (a day to use it), recorded in the audit log.
 * Either is typed on the "Quên mật khẩu?" page with the login name and a new password. Every
 * reset ends all of the account's sessions; the device that reset it gets a new one.
 */

/** A new printed set: the old codes stop working. Returns the codes in clear, once. */
export async function createRecoverySet(
  db: Database,
  { learnerId, now = new Date() }: { learnerId: string; now?: Date },
): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_SET_SIZE }, () => generateRecoveryCode(randomInt));
  // Hashed one after another, outside the transaction (each ~30 ms in the shared hashing queue).
  const rows: Insertable<RecoveryCodesTable>[] = [];
  for (const code of codes) {
    const { selector, secret } = splitRecoveryCode(code);
    rows.push({
      id: randomUUID(),
      learner_id: learnerId,
      selector,
      code_hash: await hashPassword(secret),
      created_at: now.toISOString(),
      used_at: null,
    });
  }
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("recovery_codes").where("learner_id", "=", learnerId).execute();
    await trx.insertInto("recovery_codes").values(rows).execute();
  });
  return codes;
}

export interface RecoveryStatus {
  /** When the current set was made; null: never. */
  createdAt: string | null;
  unused: number;
  total: number;
}

export async function recoveryStatus(db: Database, { learnerId }: { learnerId: string }): Promise<RecoveryStatus> {
  const rows = await db.selectFrom("recovery_codes").select(["created_at", "used_at"]).where("learner_id", "=", learnerId).execute();
  return {
    createdAt: rows[0]?.created_at ?? null,
    unused: rows.filter((r) => !r.used_at).length,
    total: rows.length,
  };
}

/**
 * Who may issue a reset code for this learner: an administrator, or an instructor with the learner
 * as a current member of one of their classes. Anyone else: null (the page answers 404).
 */
export async function resetIssuerRole(
  db: Database,
  { issuerId, learnerId }: { issuerId: string; learnerId: string },
): Promise<"admin" | "instructor" | null> {
  if (issuerId === learnerId) return null;
  if (await hasRole(db, { learnerId: issuerId, role: "admin" })) return "admin";
  if (
    (await hasRole(db, { learnerId: issuerId, role: "instructor" })) &&
    (await instructorManagesLearner(db, { ownerId: issuerId, learnerId }))
  )
    return "instructor";
  return null;
}

export type IssuedReset = { code: string; expiresAt: string };

/**
 * A one-time reset code for an account, shown once; null when this issuer may not (or it is not an
 * account). `issuerId` null is the command line (`npm run admin -- reset-code <login>`).
 */
export async function issueResetCode(
  db: Database,
  {
    issuerId,
    learnerId,
    classId = null,
    now = new Date(),
  }: { issuerId: string | null; learnerId: string; classId?: string | null; now?: Date },
): Promise<IssuedReset | null> {
  const account = await db.selectFrom("learners").select("id").where("id", "=", learnerId).where("kind", "=", "account").executeTakeFirst();
  if (!account || (issuerId !== null && !(await resetIssuerRole(db, { issuerId, learnerId })))) return null;
  const code = generateRecoveryCode(randomInt);
  const { selector, secret } = splitRecoveryCode(code);
  const codeHash = await hashPassword(secret);
  const expiresAt = new Date(now.getTime() + RESET_CODE_HOURS * 3_600_000).toISOString();
  await db.transaction().execute(async (trx) => {
    // One reset code at a time: a new one replaces any not used yet.
    await trx.deleteFrom("reset_codes").where("learner_id", "=", learnerId).where("used_at", "is", null).execute();
    await trx
      .insertInto("reset_codes")
      .values({
        id: randomUUID(),
        learner_id: learnerId,
        selector,
        code_hash: codeHash,
        issued_by: issuerId,
        issued_at: now.toISOString(),
        expires_at: expiresAt,
        used_at: null,
      })
      .execute();
    await recordAudit(trx, { actorId: issuerId, action: "password.resetCode", subjectId: learnerId, classId, now });
  });
  return { code, expiresAt };
}

export type ResetResult =
  | { ok: true; learner: Learner; via: "recovery" | "reset" }
  | { ok: false; reason: "bad" }
  | { ok: false; reason: "wait"; retryAfterSeconds: number };

/**
 * Sets a new password with a recovery or reset code, within the log-in limits (the same counters
 * as a password log-in: guessing codes costs what guessing passwords does). An unknown name, a
 * wrong, used or expired code are answered alike, in the same time.
 */
export async function resetPasswordWithCode(
  db: Database,
  input: { login: string; code: string; password: string; address: string; now?: Date },
): Promise<ResetResult> {
  const now = input.now ?? new Date();
  const gate = await beginLogin(db, { kind: "password", address: input.address, login: input.login, rememberedLearnerId: null });
  if (!gate.ok) return { ok: false, reason: "wait", retryAfterSeconds: gate.retryAfterSeconds };
  const learner = await db
    .selectFrom("learners")
    .selectAll()
    .where("username", "=", input.login)
    .where("kind", "=", "account")
    .executeTakeFirst();
  const code = normaliseRecoveryCode(input.code);
  const parts = code ? splitRecoveryCode(code) : null;
  let candidate: { table: "recovery_codes" | "reset_codes"; id: string; hash: string } | null = null;
  if (learner && parts) {
    const recovery = await db
      .selectFrom("recovery_codes")
      .select(["id", "code_hash"])
      .where("learner_id", "=", learner.id)
      .where("selector", "=", parts.selector)
      .where("used_at", "is", null)
      .executeTakeFirst();
    const reset = recovery
      ? undefined
      : await db
          .selectFrom("reset_codes")
          .select(["id", "code_hash"])
          .where("learner_id", "=", learner.id)
          .where("selector", "=", parts.selector)
          .where("used_at", "is", null)
          .where("expires_at", ">", now.toISOString())
          .executeTakeFirst();
    if (recovery) candidate = { table: "recovery_codes", id: recovery.id, hash: recovery.code_hash };
    else if (reset) candidate = { table: "reset_codes", id: reset.id, hash: reset.code_hash };
  }
  // Nothing to check against: a dummy hash, so the answer takes as long as a wrong code.
  const matches = await verifyPassword(candidate?.hash ?? null, parts?.secret ?? "-");
  if (!matches || !candidate || !learner) return { ok: false, reason: "bad" };
  const passwordHash = await hashPassword(input.password);
  const used = await db.transaction().execute(async (trx) => {
    // Used once: of two tries with the same code at the same moment, one wins.
    const marked = await trx
      .updateTable(candidate.table)
      .set({ used_at: now.toISOString() })
      .where("id", "=", candidate.id)
      .where("used_at", "is", null)
      .executeTakeFirst();
    if (Number(marked.numUpdatedRows) !== 1) return false;
    await trx
      .updateTable("learners")
      .set({ password_hash: passwordHash, updated_at: now.toISOString() })
      .where("id", "=", learner.id)
      .execute();
    // Every reset ends the account's sessions, wherever they are.
    await trx.deleteFrom("sessions").where("learner_id", "=", learner.id).execute();
    return true;
  });
  if (!used) return { ok: false, reason: "bad" };
  await gate.succeeded();
  // The owner is back: waits others' guesses caused on their name end too.
  await clear(db, [["loginName", [input.login]]]);
  return {
    ok: true,
    learner: { ...learner, kind: liveKind(learner.kind), password_hash: passwordHash },
    via: candidate.table === "recovery_codes" ? "recovery" : "reset",
  };
}

/** Reset codes issued for a learner (their data page and export): when, by whom, used or not. */
export async function resetCodesOf(db: Database, { learnerId }: { learnerId: string }) {
  return db
    .selectFrom("reset_codes")
    .leftJoin("learners", "learners.id", "reset_codes.issued_by")
    .select(["reset_codes.issued_at", "reset_codes.expires_at", "reset_codes.used_at", "learners.display_name as issued_by_name"])
    .where("reset_codes.learner_id", "=", learnerId)
    .orderBy("reset_codes.issued_at", "desc")
    .execute();
}
