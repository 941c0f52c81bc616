import { sql, type Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("certificates")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("learner_id", "text", (c) => c.notNull().references("learners.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("printed_name", "text", (c) => c.notNull())
    .addColumn("titles", "text", (c) => c.notNull())
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("completed_at", "text", (c) => c.notNull())
    .addColumn("issued_at", "text", (c) => c.notNull())
    .addColumn("issuer_name", "text", (c) => c.notNull())
    .addColumn("issuer_name_en", "text", (c) => c.notNull())
    .addColumn("token", "text", (c) => c.notNull())
    .addColumn("key_id", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .addColumn("revoked_reason", "text")
    .addColumn("revoked_by", "text")
    .addColumn("reissue_allowed", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("certificates_learner_idx").on("certificates").column("learner_id").execute();
  // At most one certificate in force per learner and subject, even when two claims race.
  // Partial unique indexes work the same in SQLite and PostgreSQL.
  await db.schema
    .createIndex("certificates_one_valid_idx")
    .on("certificates")
    .columns(["learner_id", "kind", "subject_id"])
    .unique()
    .where(sql.ref("revoked_at"), "is", null)
    .execute();
  await db.schema.createIndex("certificates_issued_idx").on("certificates").column("issued_at").execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("certificates").execute();
}
