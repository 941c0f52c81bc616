import type { Kysely } from "kysely";

/**
 * Milestones the officials' report counts, maintained in the same transaction as each attempt
 * (app/modules/progress/milestones.server.ts), so a province report reads one row per learner
 * instead of every progress row (decision in README, "Reports"):
 * - module_progress: per learner × module, the first attempt and when the module was completed;
 * - learner_milestones: per learner, the first attempt, the first module and every core module;
 * - derived_state: the course shape they were computed for (rebuilt when the course changes).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("module_progress")
    .addColumn("learner_id", "text", (c) => c.notNull().references("learners.id").onDelete("cascade"))
    .addColumn("module_id", "text", (c) => c.notNull())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("completed_at", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("module_progress_pk", ["learner_id", "module_id"])
    .execute();

  await db.schema
    .createTable("learner_milestones")
    .addColumn("learner_id", "text", (c) => c.primaryKey().references("learners.id").onDelete("cascade"))
    .addColumn("started_at", "text")
    .addColumn("first_module_at", "text")
    .addColumn("core_completed_at", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("derived_state")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  // The report's other lookups: a learner's programme certificates, a class's unit.
  await db.schema.createIndex("certificates_learner_kind_idx").on("certificates").columns(["learner_id", "kind"]).execute();
  await db.schema.createIndex("classes_unit_idx").on("classes").column("unit_code").execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("classes_unit_idx").execute();
  await db.schema.dropIndex("certificates_learner_kind_idx").execute();
  for (const table of ["derived_state", "learner_milestones", "module_progress"]) await db.schema.dropTable(table).execute();
}
