import { sql, type Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // Display preferences that follow a learner from device to device (text size, contrast).
  await db.schema
    .createTable("learner_preferences")
    .addColumn("learner_id", "text", (c) => c.primaryKey().references("learners.id").onDelete("cascade"))
    .addColumn("text_size", "integer", (c) => c.notNull())
    .addColumn("contrast", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  // A key the device makes for each attempt: a quiz answered offline and sent again (or twice)
  // is recorded once. NULL for attempts without one (plain forms); NULLs never collide.
  await db.schema.alterTable("attempts").addColumn("idempotency_key", "text").execute();
  await db.schema
    .createIndex("attempts_idempotency_idx")
    .on("attempts")
    .columns(["learner_id", "idempotency_key"])
    .unique()
    .where(sql.ref("idempotency_key"), "is not", null)
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("attempts_idempotency_idx").execute();
  await db.schema.alterTable("attempts").dropColumn("idempotency_key").execute();
  await db.schema.dropTable("learner_preferences").execute();
}
