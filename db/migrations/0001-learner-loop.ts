import type { Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("learners")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("display_name", "text")
    .addColumn("username", "text", (c) => c.unique())
    .addColumn("password_hash", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("learner_id", "text", (c) => c.notNull().references("learners.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_learner_idx").on("sessions").column("learner_id").execute();

  await db.schema
    .createTable("quiz_attempts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("learner_id", "text", (c) => c.notNull().references("learners.id").onDelete("cascade"))
    .addColumn("module_id", "text", (c) => c.notNull())
    .addColumn("lesson_id", "text", (c) => c.notNull())
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("answers", "text", (c) => c.notNull())
    .addColumn("correct_count", "integer", (c) => c.notNull())
    .addColumn("question_count", "integer", (c) => c.notNull())
    .addColumn("score", "integer", (c) => c.notNull())
    .addColumn("passed", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("quiz_attempts_learner_lesson_idx")
    .on("quiz_attempts")
    .columns(["learner_id", "lesson_id"])
    .execute();

  await db.schema
    .createTable("lesson_progress")
    .addColumn("learner_id", "text", (c) => c.notNull().references("learners.id").onDelete("cascade"))
    .addColumn("lesson_id", "text", (c) => c.notNull())
    .addColumn("module_id", "text", (c) => c.notNull())
    .addColumn("attempt_count", "integer", (c) => c.notNull())
    .addColumn("best_score", "integer", (c) => c.notNull())
    .addColumn("mastered", "integer", (c) => c.notNull())
    .addColumn("mastered_at", "text")
    .addColumn("last_attempt_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("lesson_progress_pk", ["learner_id", "lesson_id"])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["lesson_progress", "quiz_attempts", "sessions", "learners"]) {
    await db.schema.dropTable(table).execute();
  }
}
