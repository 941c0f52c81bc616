import type { Kysely } from "kysely";

/**
 * Accounts for life (issue 14): a way back from a forgotten password, consent on record, an audit
 * log of what staff did, and the holder of certificates whose learner deleted their account.
 *
 * - recovery_codes: one-time codes the learner prints ("keep this paper with your ID card"). Each
 *   code is a public selector (to find the row without trying every hash) and a secret part whose
 *   argon2 hash is stored, as for passwords. A new set replaces the old one.
 * - reset_codes: one-time codes an instructor of the learner's class or an administrator issues;
 *   they expire after a day and record who issued them.
 * - consents: what the learner agreed to and when, one row per purpose (terms, optional profile
 *   data, being shown on a contest leaderboard); withdrawing sets withdrawn_at and keeps the row.
 * - audit_log: who did what, when, for whom. No foreign keys and no names: a deleted account's
 *   rows stay, with the subject's (or actor's) id cleared (app/modules/audit/).
 * - sessions.device: "Android · Chrome", so a learner can tell their sessions apart.
 * - The withdrawn holder: one learner row with no name that keeps the revoked certificates of
 *   deleted accounts, so /verify still says "revoked" for their codes (never the name).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("recovery_codes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("learner_id", "text", (c) => c.notNull().references("learners.id").onDelete("cascade"))
    .addColumn("selector", "text", (c) => c.notNull())
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema.createIndex("recovery_codes_learner_idx").on("recovery_codes").columns(["learner_id", "selector"]).execute();

  await db.schema
    .createTable("reset_codes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("learner_id", "text", (c) => c.notNull().references("learners.id").onDelete("cascade"))
    .addColumn("selector", "text", (c) => c.notNull())
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("issued_by", "text")
    .addColumn("issued_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema.createIndex("reset_codes_learner_idx").on("reset_codes").columns(["learner_id", "selector"]).execute();
  await db.schema.createIndex("reset_codes_expires_idx").on("reset_codes").column("expires_at").execute();

  await db.schema
    .createTable("consents")
    .addColumn("learner_id", "text", (c) => c.notNull().references("learners.id").onDelete("cascade"))
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("version", "text", (c) => c.notNull())
    .addColumn("given_at", "text", (c) => c.notNull())
    .addColumn("withdrawn_at", "text")
    .addPrimaryKeyConstraint("consents_pk", ["learner_id", "purpose"])
    .execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("actor_deleted", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("subject_id", "text")
    .addColumn("subject_deleted", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("class_id", "text")
    .addColumn("detail", "text")
    .execute();
  await db.schema.createIndex("audit_log_at_idx").on("audit_log").column("at").execute();
  await db.schema.createIndex("audit_log_subject_idx").on("audit_log").column("subject_id").execute();
  await db.schema.createIndex("audit_log_actor_idx").on("audit_log").column("actor_id").execute();

  // "Sessions by device" on the learner's data page: a short label from the browser's User-Agent.
  await db.schema.alterTable("sessions").addColumn("device", "text").execute();

  // For the retention job: guests by last change, invitations by expiry.
  await db.schema.createIndex("learners_kind_updated_idx").on("learners").columns(["kind", "updated_at"]).execute();
  await db.schema.createIndex("sessions_expires_idx").on("sessions").column("expires_at").execute();
  await db.schema.createIndex("follow_links_expires_idx").on("follow_links").column("expires_at").execute();

  const at = new Date(0).toISOString();
  await db
    .insertInto("learners")
    .values({
      id: WITHDRAWN_HOLDER_ID,
      kind: "guest",
      display_name: null,
      username: null,
      password_hash: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

/** Kept in step with app/modules/accounts/deletion.server.ts. */
const WITHDRAWN_HOLDER_ID = "00000000-0000-4000-8000-000000000000";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom("learners").where("id", "=", WITHDRAWN_HOLDER_ID).execute();
  await db.schema.dropIndex("follow_links_expires_idx").execute();
  await db.schema.alterTable("sessions").dropColumn("device").execute();
  await db.schema.dropIndex("sessions_expires_idx").execute();
  await db.schema.dropIndex("learners_kind_updated_idx").execute();
  for (const table of ["audit_log", "consents", "reset_codes", "recovery_codes"]) await db.schema.dropTable(table).execute();
}
