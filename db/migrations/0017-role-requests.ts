import type { Kysely } from "kysely";

/**
 * Asking for a role (issue 11): a teacher asks for the instructor role from the site and the
 * administrators answer on /<lang>/admin/roles. One row per request: pending until answered
 * (granted or declined), by whom and when. A learner's requests go with their account; the
 * answering administrator's id is cleared when theirs is deleted, like the other "by" columns.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("role_requests")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("learner_id", "text", (c) => c.notNull().references("learners.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("answered_at", "text")
    .addColumn("answered_by", "text")
    .execute();
  await db.schema.createIndex("role_requests_status_idx").on("role_requests").columns(["status", "created_at"]).execute();
  await db.schema.createIndex("role_requests_learner_idx").on("role_requests").column("learner_id").execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("role_requests").execute();
}
