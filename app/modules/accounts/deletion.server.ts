import type { Database } from "#db/client";
import { forgetInAudit, recordAudit } from "~/modules/audit/audit.server";
import { certificatePdfCache } from "~/modules/certificates/pdf-cache";
import { clear } from "~/modules/limits/limits.server";
import { keepReportedFigures } from "~/modules/reports/withdrawn.server";

/**
 * Deleting an account (issue 14), by the learner or, for a PIN learner, by their facilitator with
 * the learner present. In one transaction:
 * - what the officials' report counts stays as numbers: a learner with no name, login or id of
 *   theirs takes the unit, group and milestones (app/modules/reports/withdrawn.server.ts);
 * - certificates are revoked with the reason below and handed to that learner (or, for someone the
 *   report never counted, to the withdrawn holder of migration 0011), with the printed name and
 *   the signed token emptied: the code still verifies as "revoked", never with the name;
 * - everything else that is theirs goes with the learner row (foreign keys cascade): sessions,
 *   attempts, summaries and milestones, memberships, attendance, follow links, profile, PIN,
 *   preferences, roles, recovery and reset codes, consents, classes they own;
 * - ids of theirs left in other people's rows (who granted a role, assigned a module, revoked a
 *   certificate, ended a link, issued a reset code) are cleared, and the audit log keeps its
 *   entries without their id;
 * - rate-limit counters keyed by their login name or id are dropped.
 */
export const WITHDRAWN_HOLDER_ID = "00000000-0000-4000-8000-000000000000";
export const WITHDRAWN_REASON = "withdrawn at the holder's request";

export type DeleteResult = { ok: true; certificatesRevoked: number } | { ok: false; reason: "unknown" };

export async function deleteAccount(
  db: Database,
  {
    learnerId,
    actorId = null,
    classId = null,
    now = new Date(),
  }: {
    learnerId: string;
    /** Someone deleting it on the learner's behalf (a facilitator); null: the learner themself. */
    actorId?: string | null;
    classId?: string | null;
    now?: Date;
  },
): Promise<DeleteResult> {
  if (learnerId === WITHDRAWN_HOLDER_ID) return { ok: false, reason: "unknown" };
  const at = now.toISOString();
  const result = await db.transaction().execute(async (trx) => {
    const learner = await trx.selectFrom("learners").select(["id", "username", "kind"]).where("id", "=", learnerId).executeTakeFirst();
    if (!learner || learner.kind === "withdrawn") return null;
    const certificates = await trx.selectFrom("certificates").select(["code", "revoked_at"]).where("learner_id", "=", learnerId).execute();
    await trx
      .updateTable("certificates")
      .set({ revoked_at: at, revoked_reason: WITHDRAWN_REASON, revoked_by: null, reissue_allowed: 0 })
      .where("learner_id", "=", learnerId)
      .where("revoked_at", "is", null)
      .execute();
    await trx.updateTable("certificates").set({ printed_name: "", token: "" }).where("learner_id", "=", learnerId).execute();
    await keepReportedFigures(trx, [learnerId], now);
    await trx.updateTable("certificates").set({ learner_id: WITHDRAWN_HOLDER_ID }).where("learner_id", "=", learnerId).execute();
    // Their id in other people's rows.
    await trx.updateTable("certificates").set({ revoked_by: null }).where("revoked_by", "=", learnerId).execute();
    await trx.updateTable("learner_roles").set({ granted_by: null }).where("granted_by", "=", learnerId).execute();
    await trx.updateTable("class_assignments").set({ assigned_by: null }).where("assigned_by", "=", learnerId).execute();
    await trx.updateTable("follow_links").set({ ended_by: null }).where("ended_by", "=", learnerId).execute();
    await trx.updateTable("reset_codes").set({ issued_by: null }).where("issued_by", "=", learnerId).execute();
    await trx.updateTable("learner_profiles").set({ created_by: null }).where("created_by", "=", learnerId).execute();
    await trx.updateTable("unit_officials").set({ granted_by: null }).where("granted_by", "=", learnerId).execute();
    await trx.updateTable("unit_targets").set({ updated_by: null }).where("updated_by", "=", learnerId).execute();
    await trx.updateTable("consents").set({ recorded_by: null }).where("recorded_by", "=", learnerId).execute();
    await trx.updateTable("role_requests").set({ answered_by: null }).where("answered_by", "=", learnerId).execute();
    await forgetInAudit(trx, { learnerId });
    // The rest is theirs: the learner row's foreign keys take it along.
    await trx.deleteFrom("learners").where("id", "=", learnerId).execute();
    if (actorId) await recordAudit(trx, { actorId, action: "account.delete", subjectId: null, subjectDeleted: true, classId, now });
    return {
      username: learner.username,
      codes: certificates.map((c) => c.code),
      revoked: certificates.filter((c) => !c.revoked_at).length,
    };
  });
  if (!result) return { ok: false, reason: "unknown" };
  for (const code of result.codes) certificatePdfCache.forget(code);
  await clear(db, [
    ["loginDevice", [learnerId]],
    ["pinDevice", [learnerId]],
    ...(result.username
      ? ([
          ["loginName", [result.username]],
          ["pinName", [result.username]],
        ] as const)
      : []),
  ]);
  return { ok: true, certificatesRevoked: result.revoked };
}

/** What the confirmation page warns about: classes the account runs go with it. */
export async function deletionConsequences(db: Database, { learnerId }: { learnerId: string }) {
  const [classes, certificates] = await Promise.all([
    db.selectFrom("classes").select(["id", "name"]).where("owner_id", "=", learnerId).execute(),
    db.selectFrom("certificates").select("code").where("learner_id", "=", learnerId).where("revoked_at", "is", null).execute(),
  ]);
  return { classes: classes.map((c) => c.name), certificates: certificates.length };
}
