import type { Kysely } from "kysely";

/**
 * Rate limits shared by every app server, and a class owner's switch to close joining.
 *
 * rate_limits has exactly the columns rate-limiter-flexible's SQLite and PostgreSQL stores use
 * (they are told the table exists and never create it): a key of at most 255 characters (ours
 * are "<limit>:<64 hex digits>"), the points used in the window, and the window's end in
 * milliseconds since 1970 (bigint: the library's format, the same in both dialects). Rows past
 * their end are deleted by the library on a timer.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("rate_limits")
    .addColumn("key", "varchar(255)", (c) => c.primaryKey())
    .addColumn("points", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("expire", "bigint")
    .execute();
  await db.schema.createIndex("rate_limits_expire_idx").on("rate_limits").column("expire").execute();

  await db.schema.alterTable("classes").addColumn("joining_closed_at", "text").execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("classes").dropColumn("joining_closed_at").execute();
  await db.schema.dropTable("rate_limits").execute();
}
