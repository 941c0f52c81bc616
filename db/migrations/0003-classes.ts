import type { Kysely } from "kysely";

/**
 * Classes, assignments, community sessions, PIN log-in for facilitator-created learners, and
 * mentor / family links. Nothing here changes the learners table: what only some learners have
 * (a PIN, a birth year and village) lives in tables of its own, keyed by the learner.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // Details a facilitator records for a learner without phone or e-mail.
  await db.schema
    .createTable("learner_profiles")
    .addColumn("learner_id", "text", (c) => c.primaryKey().references("learners.id").onDelete("cascade"))
    .addColumn("birth_year", "integer")
    .addColumn("place", "text")
    .addColumn("created_by", "text", (c) => c.references("learners.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  // PIN log-in: the argon2 hash and the persistent failure counter (slowed after 5, locked at 20).
  await db.schema
    .createTable("learner_pins")
    .addColumn("learner_id", "text", (c) => c.primaryKey().references("learners.id").onDelete("cascade"))
    .addColumn("pin_hash", "text", (c) => c.notNull())
    .addColumn("failed_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_failed_at", "text")
    .addColumn("locked_at", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("classes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("owner_id", "text", (c) => c.notNull().references("learners.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("place", "text")
    .addColumn("schedule", "text")
    .addColumn("join_code", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("classes_owner_idx").on("classes").column("owner_id").execute();

  // Membership is never deleted: leaving or being removed sets left_at, so the history stays.
  await db.schema
    .createTable("class_members")
    .addColumn("class_id", "text", (c) => c.notNull().references("classes.id").onDelete("cascade"))
    .addColumn("learner_id", "text", (c) => c.notNull().references("learners.id").onDelete("cascade"))
    .addColumn("joined_at", "text", (c) => c.notNull())
    .addColumn("left_at", "text")
    .addColumn("left_reason", "text")
    .addPrimaryKeyConstraint("class_members_pk", ["class_id", "learner_id"])
    .execute();
  await db.schema.createIndex("class_members_learner_idx").on("class_members").column("learner_id").execute();

  await db.schema
    .createTable("class_assignments")
    .addColumn("class_id", "text", (c) => c.notNull().references("classes.id").onDelete("cascade"))
    .addColumn("module_id", "text", (c) => c.notNull())
    .addColumn("due_date", "text")
    .addColumn("assigned_at", "text", (c) => c.notNull())
    .addColumn("assigned_by", "text")
    .addPrimaryKeyConstraint("class_assignments_pk", ["class_id", "module_id"])
    .execute();

  await db.schema
    .createTable("class_sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("class_id", "text", (c) => c.notNull().references("classes.id").onDelete("cascade"))
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("module_id", "text")
    .addColumn("lesson_id", "text")
    .addUniqueConstraint("class_sessions_day_uq", ["class_id", "day"])
    .execute();

  await db.schema
    .createTable("class_attendance")
    .addColumn("session_id", "text", (c) => c.notNull().references("class_sessions.id").onDelete("cascade"))
    .addColumn("learner_id", "text", (c) => c.notNull().references("learners.id").onDelete("cascade"))
    .addColumn("present", "integer", (c) => c.notNull())
    .addColumn("marked_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("class_attendance_pk", ["session_id", "learner_id"])
    .execute();

  // A mentor (Đại sứ số) or a family member follows someone's progress once they agree.
  await db.schema
    .createTable("follow_links")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("follower_id", "text", (c) => c.notNull().references("learners.id").onDelete("cascade"))
    .addColumn("followed_id", "text", (c) => c.references("learners.id").onDelete("cascade"))
    .addColumn("invite_code", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("accepted_at", "text")
    .addColumn("ended_at", "text")
    .addColumn("ended_by", "text")
    .execute();
  await db.schema.createIndex("follow_links_follower_idx").on("follow_links").column("follower_id").execute();
  await db.schema.createIndex("follow_links_followed_idx").on("follow_links").column("followed_id").execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "follow_links",
    "class_attendance",
    "class_sessions",
    "class_assignments",
    "class_members",
    "classes",
    "learner_pins",
    "learner_profiles",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
