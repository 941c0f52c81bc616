import type { Kysely } from "kysely";

/**
 * The Tuesday class in the commune hall (issue 18).
 *
 * - class_sessions.ended_at / taught: a facilitator ends a session and writes what was taught; the
 *   session keeps its lesson and attendance rows, so the history and the reports read the same rows.
 * - follow_links.declined_at: a "No" is recorded (also from someone without an account); a declined
 *   or accepted invitation can never be answered again.
 * - follow_links.note: whom the mentor meant the invitation for ("Bác Lan, tổ 3"), seen only by them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("class_sessions").addColumn("ended_at", "text").execute();
  await db.schema.alterTable("class_sessions").addColumn("taught", "text").execute();
  await db.schema.alterTable("follow_links").addColumn("declined_at", "text").execute();
  await db.schema.alterTable("follow_links").addColumn("note", "text").execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("follow_links").dropColumn("note").execute();
  await db.schema.alterTable("follow_links").dropColumn("declined_at").execute();
  await db.schema.alterTable("class_sessions").dropColumn("taught").execute();
  await db.schema.alterTable("class_sessions").dropColumn("ended_at").execute();
}
