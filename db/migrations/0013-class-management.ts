import type { Kysely } from "kysely";

/**
 * Teachers' class management and facilitators' PINs (issue 11).
 *
 * - classes.archived_at: a closed class. It keeps its members, progress and history, takes no one
 *   new, leaves the instructor's list of current classes and can be reopened.
 * - pin_handouts: the PINs of learners a facilitator has just created, kept until the facilitator
 *   says they are written down (at most a day). The PINs are sealed with AES-256-GCM under a key
 *   held only in the facilitator's browser (an HttpOnly cookie): the database alone never yields
 *   a PIN, and a handout whose cookie is gone can only be deleted.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("classes").addColumn("archived_at", "text").execute();
  await db.schema
    .createTable("pin_handouts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("class_id", "text", (c) => c.notNull().references("classes.id").onDelete("cascade"))
    .addColumn("owner_id", "text", (c) => c.notNull().references("learners.id").onDelete("cascade"))
    .addColumn("sealed", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("pin_handouts_class_idx").on("pin_handouts").column("class_id").execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("pin_handouts").execute();
  await db.schema.alterTable("classes").dropColumn("archived_at").execute();
}
