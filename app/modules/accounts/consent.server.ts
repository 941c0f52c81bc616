import type { Database } from "#db/client";
import type { ConsentPurpose } from "#db/schema";

/**
 * Consent on record (issue 14): what a learner agreed to and when, by purpose.
 * - terms: the privacy page's version in force when the account was made (creating an account is
 *   agreeing to it; the sign-up page says so next to its button);
 * - profile: the optional data (unit, group, birth year), recorded when the learner gives any of
 *   it; never assumed — the fields start empty;
 * - leaderboard: being shown by name on a contest leaderboard, only by ticking it on the data page.
 * Withdrawing keeps the row with withdrawn_at set; withdrawing "profile" clears that data.
 */
export const TERMS_VERSION = "2026-12-01";

export const consentPurposes: readonly ConsentPurpose[] = ["terms", "profile", "leaderboard"];
/** What a learner can withdraw (the terms go with the account: deleting it is how to leave them). */
export const withdrawablePurposes: readonly ConsentPurpose[] = ["profile", "leaderboard"];

export function isWithdrawable(value: unknown): value is ConsentPurpose {
  return typeof value === "string" && (withdrawablePurposes as readonly string[]).includes(value);
}

type Executor = Pick<Database, "insertInto" | "updateTable" | "selectFrom">;

export async function giveConsent(
  db: Executor,
  {
    learnerId,
    purpose,
    recordedBy = null,
    now = new Date(),
  }: {
    learnerId: string;
    purpose: ConsentPurpose;
    /** A facilitator recording it with the learner present; null: the learner themself. */
    recordedBy?: string | null;
    now?: Date;
  },
): Promise<void> {
  const at = now.toISOString();
  const values = { version: TERMS_VERSION, given_at: at, withdrawn_at: null, recorded_by: recordedBy };
  await db
    .insertInto("consents")
    .values({ learner_id: learnerId, purpose, ...values })
    .onConflict((oc) => oc.columns(["learner_id", "purpose"]).doUpdateSet(values))
    .execute();
}

/** Records consent to the optional data only if it is not in force already (its date is when it was first given). */
export async function noteProfileConsent(db: Database, { learnerId, now = new Date() }: { learnerId: string; now?: Date }): Promise<void> {
  const row = await db
    .selectFrom("consents")
    .select("withdrawn_at")
    .where("learner_id", "=", learnerId)
    .where("purpose", "=", "profile")
    .executeTakeFirst();
  if (!row || row.withdrawn_at) await giveConsent(db, { learnerId, purpose: "profile", now });
}

/** Withdraws a consent; for the optional data, the unit, group and birth year are cleared at once. */
export async function withdrawConsent(
  db: Database,
  { learnerId, purpose, now = new Date() }: { learnerId: string; purpose: ConsentPurpose; now?: Date },
): Promise<void> {
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("consents")
      .set({ withdrawn_at: at })
      .where("learner_id", "=", learnerId)
      .where("purpose", "=", purpose)
      .where("withdrawn_at", "is", null)
      .execute();
    if (purpose === "profile")
      await trx
        .updateTable("learner_profiles")
        .set({ unit_code: null, audience: null, birth_year: null, place: null, profile_updated_at: at })
        .where("learner_id", "=", learnerId)
        .execute();
  });
}

export interface ConsentRecord {
  purpose: ConsentPurpose;
  version: string;
  givenAt: string;
  withdrawnAt: string | null;
  /** The facilitator who recorded it with the learner present (null: the learner, or an account since deleted). */
  recordedBy: string | null;
}

export async function consentsOf(db: Database, { learnerId }: { learnerId: string }): Promise<ConsentRecord[]> {
  const rows = await db
    .selectFrom("consents as c")
    .leftJoin("learners as r", "r.id", "c.recorded_by")
    .select(["c.purpose", "c.version", "c.given_at", "c.withdrawn_at", "r.display_name as recorded_by_name"])
    .where("c.learner_id", "=", learnerId)
    .execute();
  return consentPurposes.flatMap((purpose) => {
    const r = rows.find((x) => x.purpose === purpose);
    return r
      ? [{ purpose, version: r.version, givenAt: r.given_at, withdrawnAt: r.withdrawn_at, recordedBy: r.recorded_by_name ?? null }]
      : [];
  });
}

/** Whether a learner agreed, and has not withdrawn, to be shown on a contest leaderboard (for the contests). */
export async function mayShowOnLeaderboard(db: Database, { learnerId }: { learnerId: string }): Promise<boolean> {
  const row = await db
    .selectFrom("consents")
    .select("withdrawn_at")
    .where("learner_id", "=", learnerId)
    .where("purpose", "=", "leaderboard")
    .executeTakeFirst();
  return !!row && !row.withdrawn_at;
}
