import { sql } from "kysely";
import type { Database } from "#db/client";
import { deleteExpiredLimits } from "~/modules/limits/limits.server";
import { keepReportedFigures } from "~/modules/reports/withdrawn.server";
import { WITHDRAWN_HOLDER_ID } from "./deletion.server";

/**
 * Retention (issue 14), run by `npm run maintenance` and on a timer in the server process:
 * - guest learners (a cookie, no account) with no activity for GUEST_RETENTION_MONTHS (default 12)
 *   are removed with everything of theirs (sessions, attempts, memberships…, by the foreign keys).
 *   Activity is any change to the row, an attempt, a session started, a class joined or a follow
 *   link made or answered after the cut-off;
 * - expired sessions, invitations never answered and past their expiry, expired or used reset
 *   codes, and rate-limit windows that have ended.
 * Idempotent, in batches, safe to run on several servers at once.
 */
export interface MaintenanceResult {
  guests: number;
  sessions: number;
  invitations: number;
  resetCodes: number;
  limits: number;
}

const BATCH = 500;

/** The moment before which a guest's last activity makes them inactive: `months` calendar months before now (UTC). */
export function guestCutoff(now: Date, months: number): Date {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff;
}

export async function inactiveGuestIds(db: Database, { cutoff, limit = BATCH }: { cutoff: string; limit?: number }): Promise<string[]> {
  const rows = await db
    .selectFrom("learners as l")
    .select("l.id")
    .where("l.kind", "=", "guest")
    .where("l.id", "!=", WITHDRAWN_HOLDER_ID)
    .where("l.updated_at", "<", cutoff)
    .where("l.created_at", "<", cutoff)
    .where((eb) =>
      eb.and([
        eb.not(
          eb.exists(
            eb
              .selectFrom("attempts as a")
              .select(sql.lit(1).as("x"))
              .whereRef("a.learner_id", "=", "l.id")
              .where("a.created_at", ">=", cutoff),
          ),
        ),
        eb.not(
          eb.exists(
            eb
              .selectFrom("sessions as s")
              .select(sql.lit(1).as("x"))
              .whereRef("s.learner_id", "=", "l.id")
              .where("s.created_at", ">=", cutoff),
          ),
        ),
        eb.not(
          eb.exists(
            eb
              .selectFrom("class_members as m")
              .select(sql.lit(1).as("x"))
              .whereRef("m.learner_id", "=", "l.id")
              .where("m.joined_at", ">=", cutoff),
          ),
        ),
        eb.not(
          eb.exists(
            eb
              .selectFrom("follow_links as f")
              .select(sql.lit(1).as("x"))
              .where((f) => f.or([f("f.follower_id", "=", f.ref("l.id")), f("f.followed_id", "=", f.ref("l.id"))]))
              .where((f) => f.or([f("f.created_at", ">=", cutoff), f("f.accepted_at", ">=", cutoff)])),
          ),
        ),
      ]),
    )
    .orderBy("l.updated_at")
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export async function runMaintenance(
  db: Database,
  { guestMonths, now = new Date() }: { guestMonths: number; now?: Date },
): Promise<MaintenanceResult> {
  const at = now.toISOString();
  const cutoff = guestCutoff(now, guestMonths).toISOString();
  let guests = 0;
  for (;;) {
    const ids = await inactiveGuestIds(db, { cutoff });
    if (!ids.length) break;
    await db.transaction().execute(async (trx) => {
      await trx.updateTable("audit_log").set({ subject_id: null, subject_deleted: 1 }).where("subject_id", "in", ids).execute();
      await keepReportedFigures(trx, ids, now);
      await trx.deleteFrom("learners").where("id", "in", ids).where("kind", "=", "guest").execute();
    });
    guests += ids.length;
    if (ids.length < BATCH) break;
  }
  const sessions = await db.deleteFrom("sessions").where("expires_at", "<=", at).executeTakeFirst();
  const invitations = await db
    .deleteFrom("follow_links")
    .where("accepted_at", "is", null)
    .where("followed_id", "is", null)
    .where("expires_at", "<=", at)
    .executeTakeFirst();
  const resetCodes = await db
    .deleteFrom("reset_codes")
    .where((eb) => eb.or([eb("expires_at", "<=", at), eb("used_at", "is not", null)]))
    .executeTakeFirst();
  const limits = await deleteExpiredLimits(db, now.getTime());
  return {
    guests,
    sessions: Number(sessions.numDeletedRows),
    invitations: Number(invitations.numDeletedRows),
    resetCodes: Number(resetCodes.numDeletedRows),
    limits,
  };
}
