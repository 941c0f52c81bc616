import type { Kysely } from "kysely";

/**
 * Consent recorded on a learner's behalf (issue 14): a facilitator who creates PIN accounts reads
 * the privacy page to the people present and records their agreement. `recorded_by` is that
 * facilitator (NULL: the learner agreed themselves). Cleared like the other "by" columns when the
 * facilitator's own account is deleted (app/modules/accounts/deletion.server.ts).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("consents").addColumn("recorded_by", "text").execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("consents").dropColumn("recorded_by").execute();
}
