import type { Database } from "#db/client";
import type { Unit } from "#db/schema";
import { hasRole } from "~/modules/accounts/roles.server";
import { getUnit, unitAndAncestors } from "./units.server";

/**
 * Officials scoped to a unit: an official of unit X sees figures for X and every unit below it,
 * never a learner's name or answers. Administrators grant the role for any unit; an official may
 * grant it for units strictly below their own.
 */

/** The units a learner is an official of (accounts only), by code. */
export async function officialUnitsOf(db: Database, learnerId: string): Promise<Unit[]> {
  return db
    .selectFrom("unit_officials")
    .innerJoin("units", "units.code", "unit_officials.unit_code")
    .innerJoin("learners", "learners.id", "unit_officials.learner_id")
    .selectAll("units")
    .where("unit_officials.learner_id", "=", learnerId)
    .where("learners.kind", "=", "account")
    .orderBy("units.code")
    .execute();
}

/** Whether a learner is an official of this unit or of one above it. */
export async function isOfficialOf(db: Database, { learnerId, unit }: { learnerId: string; unit: Unit }): Promise<boolean> {
  const row = await db
    .selectFrom("unit_officials")
    .innerJoin("learners", "learners.id", "unit_officials.learner_id")
    .select("unit_officials.unit_code")
    .where("unit_officials.learner_id", "=", learnerId)
    .where("learners.kind", "=", "account")
    .where("unit_officials.unit_code", "in", unitAndAncestors(unit))
    .executeTakeFirst();
  return !!row;
}

/** Who may see a unit's figures: an administrator, or an official of it or of a unit above it. */
export async function maySeeUnit(db: Database, { learnerId, unit }: { learnerId: string; unit: Unit }): Promise<boolean> {
  return (await hasRole(db, { learnerId, role: "admin" })) || isOfficialOf(db, { learnerId, unit });
}

/** Who may grant "official of unit": an administrator, or an official of a unit strictly above it. */
export async function mayGrantOfficial(db: Database, { granterId, unit }: { granterId: string; unit: Unit }): Promise<boolean> {
  if (await hasRole(db, { learnerId: granterId, role: "admin" })) return true;
  const above = unitAndAncestors(unit).filter((code) => code !== unit.code);
  if (above.length === 0) return false;
  const row = await db
    .selectFrom("unit_officials")
    .select("unit_code")
    .where("learner_id", "=", granterId)
    .where("unit_code", "in", above)
    .executeTakeFirst();
  return !!row;
}

export type GrantResult = { ok: true } | { ok: false; error: "no-account" | "no-unit" };

/** Grants "official of unit" (idempotent). Only accounts can be officials. */
export async function grantOfficial(
  db: Database,
  {
    learnerId,
    unitCode,
    grantedBy = null,
    now = new Date(),
  }: { learnerId: string; unitCode: string; grantedBy?: string | null; now?: Date },
): Promise<GrantResult> {
  const account = await db.selectFrom("learners").select("id").where("id", "=", learnerId).where("kind", "=", "account").executeTakeFirst();
  if (!account) return { ok: false, error: "no-account" };
  const unit = await getUnit(db, unitCode);
  if (!unit || unit.merged_into) return { ok: false, error: "no-unit" };
  await db
    .insertInto("unit_officials")
    .values({ learner_id: learnerId, unit_code: unitCode, granted_at: now.toISOString(), granted_by: grantedBy })
    .onConflict((oc) => oc.columns(["learner_id", "unit_code"]).doNothing())
    .execute();
  return { ok: true };
}

export async function revokeOfficial(db: Database, { learnerId, unitCode }: { learnerId: string; unitCode: string }): Promise<boolean> {
  const result = await db
    .deleteFrom("unit_officials")
    .where("learner_id", "=", learnerId)
    .where("unit_code", "=", unitCode)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The officials of one unit (names of the officials themselves: they are staff, not learners being counted). */
export async function officialsOfUnit(db: Database, unitCode: string): Promise<{ learnerId: string; name: string; username: string }[]> {
  const rows = await db
    .selectFrom("unit_officials")
    .innerJoin("learners", "learners.id", "unit_officials.learner_id")
    .select(["learners.id", "learners.display_name", "learners.username"])
    .where("unit_officials.unit_code", "=", unitCode)
    .orderBy("learners.username")
    .execute();
  return rows.map((r) => ({ learnerId: r.id, name: r.display_name ?? "", username: r.username ?? "" }));
}

/** Every official and their unit, for the administrator's roles page. */
export async function listOfficials(db: Database, { limit = 500 }: { limit?: number } = {}) {
  const rows = await db
    .selectFrom("unit_officials")
    .innerJoin("learners", "learners.id", "unit_officials.learner_id")
    .innerJoin("units", "units.code", "unit_officials.unit_code")
    .select([
      "learners.id as learnerId",
      "learners.display_name as name",
      "learners.username as username",
      "units.code as unitCode",
      "units.name as unitName",
    ])
    .orderBy("units.code")
    .orderBy("learners.username")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, name: r.name ?? "", username: r.username ?? "" }));
}
