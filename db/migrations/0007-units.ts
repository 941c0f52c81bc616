import type { Kysely } from "kysely";

/**
 * Administrative units (province → commune → village), where each learner belongs, officials
 * scoped to a unit, and targets per unit, year and audience group (issue 9). The data contract
 * the reports read: units are never deleted (a renamed unit keeps its code; a merged village
 * points at the one it was merged into), so no learner's unit disappears.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("units")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("parent_code", "text", (c) => c.references("units.code"))
    .addColumn("province_code", "text", (c) => c.notNull())
    .addColumn("commune_code", "text")
    .addColumn("merged_into", "text", (c) => c.references("units.code"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("units_parent_idx").on("units").column("parent_code").execute();
  await db.schema.createIndex("units_province_idx").on("units").column("province_code").execute();
  await db.schema.createIndex("units_commune_idx").on("units").column("commune_code").execute();

  // Where a learner belongs: a village (or a commune when the village is unknown) and a group.
  await db.schema
    .alterTable("learner_profiles")
    .addColumn("unit_code", "text", (c) => c.references("units.code").onDelete("set null"))
    .execute();
  await db.schema.alterTable("learner_profiles").addColumn("audience", "text").execute();
  await db.schema.alterTable("learner_profiles").addColumn("profile_updated_at", "text").execute();
  await db.schema.createIndex("learner_profiles_unit_idx").on("learner_profiles").column("unit_code").execute();

  // A class may belong to a unit; joining it supplies the unit to a learner without one.
  await db.schema
    .alterTable("classes")
    .addColumn("unit_code", "text", (c) => c.references("units.code").onDelete("set null"))
    .execute();

  // An official of a unit sees figures for it and every unit below it, never names.
  await db.schema
    .createTable("unit_officials")
    .addColumn("learner_id", "text", (c) => c.notNull().references("learners.id").onDelete("cascade"))
    .addColumn("unit_code", "text", (c) => c.notNull().references("units.code").onDelete("cascade"))
    .addColumn("granted_at", "text", (c) => c.notNull())
    .addColumn("granted_by", "text", (c) => c.references("learners.id").onDelete("set null"))
    .addPrimaryKeyConstraint("unit_officials_pk", ["learner_id", "unit_code"])
    .execute();
  await db.schema.createIndex("unit_officials_unit_idx").on("unit_officials").column("unit_code").execute();

  // Targets: how many people of a group live or work in a unit, and the share to reach.
  await db.schema
    .createTable("unit_targets")
    .addColumn("unit_code", "text", (c) => c.notNull().references("units.code").onDelete("cascade"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("audience", "text", (c) => c.notNull())
    .addColumn("denominator", "integer")
    .addColumn("target_percent", "real", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.references("learners.id").onDelete("set null"))
    .addPrimaryKeyConstraint("unit_targets_pk", ["unit_code", "year", "audience"])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("unit_targets").execute();
  await db.schema.dropTable("unit_officials").execute();
  await db.schema.alterTable("classes").dropColumn("unit_code").execute();
  await db.schema.dropIndex("learner_profiles_unit_idx").execute();
  await db.schema.alterTable("learner_profiles").dropColumn("profile_updated_at").execute();
  await db.schema.alterTable("learner_profiles").dropColumn("audience").execute();
  await db.schema.alterTable("learner_profiles").dropColumn("unit_code").execute();
  await db.schema.dropTable("units").execute();
}
