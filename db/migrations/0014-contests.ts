import type { Kysely } from "kysely";

/**
 * Quiz contests (issue 16, "Ngày hội toàn dân học tập số").
 *
 * - contests: created by an official for a unit (unit_code) or by an instructor for a class
 *   (class_id); times are ISO strings in UTC (shown and typed in Vietnam time). module_ids: JSON
 *   list of modules whose lesson quizzes are the bank; own_questions: JSON { vi: Quiz, en: Quiz }
 *   written for the contest (the lesson quiz schema), or null.
 * - contest_entries: one attempt of one learner (a visitor is a guest learner, as for lessons).
 *   question_refs: the questions drawn for this attempt, in the order shown; seed: the options'
 *   order (quizzes/shuffle.ts); answers: the answers saved in time (JSON, as attempts.answers);
 *   deadline_at: the earlier of started_at + minutes and the contest's closing. A unique index on
 *   (contest, learner, attempt number) keeps one attempt per learner even when two starts race.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("contests")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("rules", "text", (c) => c.notNull())
    .addColumn("owner_id", "text", (c) => c.references("learners.id").onDelete("set null"))
    .addColumn("unit_code", "text", (c) => c.references("units.code"))
    .addColumn("class_id", "text", (c) => c.references("classes.id").onDelete("cascade"))
    .addColumn("opens_at", "text", (c) => c.notNull())
    .addColumn("closes_at", "text", (c) => c.notNull())
    .addColumn("minutes", "integer", (c) => c.notNull())
    .addColumn("attempts_allowed", "integer", (c) => c.notNull())
    .addColumn("question_count", "integer", (c) => c.notNull())
    .addColumn("module_ids", "text", (c) => c.notNull())
    .addColumn("own_questions", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("contests_unit_idx").on("contests").column("unit_code").execute();
  await db.schema.createIndex("contests_class_idx").on("contests").column("class_id").execute();

  await db.schema
    .createTable("contest_entries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("contest_id", "text", (c) => c.notNull().references("contests.id").onDelete("cascade"))
    .addColumn("learner_id", "text", (c) => c.notNull().references("learners.id").onDelete("cascade"))
    .addColumn("attempt_no", "integer", (c) => c.notNull())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("unit_code", "text", (c) => c.references("units.code").onDelete("set null"))
    .addColumn("class_id", "text", (c) => c.references("classes.id").onDelete("set null"))
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("seed", "integer", (c) => c.notNull())
    .addColumn("question_refs", "text", (c) => c.notNull())
    .addColumn("answers", "text", (c) => c.notNull())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("deadline_at", "text", (c) => c.notNull())
    .addColumn("submitted_at", "text")
    .addColumn("late", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("correct_count", "integer")
    .addColumn("total_count", "integer", (c) => c.notNull())
    .addColumn("score", "integer")
    .addColumn("duration_ms", "integer")
    .addColumn("idempotency_key", "text")
    .execute();
  await db.schema
    .createIndex("contest_entries_attempt_idx")
    .on("contest_entries")
    .columns(["contest_id", "learner_id", "attempt_no"])
    .unique()
    .execute();
  await db.schema.createIndex("contest_entries_learner_idx").on("contest_entries").column("learner_id").execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("contest_entries").execute();
  await db.schema.dropTable("contests").execute();
}
