import { sql } from "kysely";
import type { Database } from "#db/client";
import type { Audience, Unit, UnitLevel } from "#db/schema";
import { decodeUtf8File } from "./encoding";
import {
  nextVillageCode,
  parseUnitsCsv,
  planUnitImport,
  UNIT_NAME_MAX,
  type ImportPlan,
  type StoredUnit,
  type UnitFileError,
} from "./tree";

/** Storage of the units tree: import, lookups, villages managed in the site, where learners belong. */

export type UnitsImportResult =
  | { ok: true; plan: ImportPlan }
  | { ok: false; encoding: "utf-16le" | "utf-16be" | "utf-16" | "8-bit"; line?: number }
  | { ok: false; errors: UnitFileError[] };

const toStored = (u: Unit): StoredUnit => ({
  code: u.code,
  name: u.name,
  level: u.level,
  parentCode: u.parent_code,
  provinceCode: u.province_code,
  communeCode: u.commune_code,
  mergedInto: u.merged_into,
});

/**
 * Imports a units CSV (bytes as read from the file): decoded as UTF-8 or refused naming its
 * encoding, checked as a whole together with the stored units, then written in one transaction.
 * Importing the same file again changes nothing; a renamed unit keeps its code (and its learners).
 */
export async function importUnitsFile(
  db: Database,
  { bytes, rootCode = null, now = new Date() }: { bytes: Uint8Array; rootCode?: string | null; now?: Date },
): Promise<UnitsImportResult> {
  const decoded = decodeUtf8File(bytes);
  if (!decoded.ok) return decoded;
  const parsed = parseUnitsCsv(decoded.text);
  if (!parsed.ok) return parsed;
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const stored = (await trx.selectFrom("units").selectAll().execute()).map(toStored);
    const planned = planUnitImport(parsed.rows, stored, { rootCode });
    if (!planned.ok) return planned;
    const { plan } = planned;
    for (let i = 0; i < plan.insert.length; i += 200) {
      await trx
        .insertInto("units")
        .values(
          plan.insert.slice(i, i + 200).map((u) => ({
            code: u.code,
            name: u.name,
            level: u.level,
            parent_code: u.parentCode,
            province_code: u.provinceCode,
            commune_code: u.communeCode,
            merged_into: null,
            created_at: at,
            updated_at: at,
          })),
        )
        .execute();
    }
    for (const u of plan.update) {
      await trx
        .updateTable("units")
        .set({
          name: u.name,
          level: u.level,
          parent_code: u.parentCode,
          province_code: u.provinceCode,
          commune_code: u.communeCode,
          updated_at: at,
        })
        .where("code", "=", u.code)
        .execute();
    }
    return { ok: true as const, plan };
  });
}

export async function getUnit(db: Database, code: string): Promise<Unit | undefined> {
  return db.selectFrom("units").selectAll().where("code", "=", code).executeTakeFirst();
}

export async function countUnits(db: Database): Promise<number> {
  const row = await db
    .selectFrom("units")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The units directly below a unit (or the provinces), merged villages left out, by name. */
export async function childUnits(db: Database, parentCode: string | null): Promise<Unit[]> {
  let query = db.selectFrom("units").selectAll().where("merged_into", "is", null);
  query = parentCode ? query.where("parent_code", "=", parentCode) : query.where("level", "=", "province");
  const rows = await query.execute();
  return rows.sort((a, b) => a.name.localeCompare(b.name, "vi", { numeric: true }) || a.code.localeCompare(b.code));
}

/** A unit and the units above it, from the province down (for breadcrumbs). */
export async function unitPath(db: Database, unit: Unit): Promise<Unit[]> {
  const codes = [unit.province_code, unit.commune_code, unit.code].filter((c, i, all): c is string => !!c && all.indexOf(c) === i);
  const rows = await db.selectFrom("units").selectAll().where("code", "in", codes).execute();
  const rank: Record<UnitLevel, number> = { province: 0, commune: 1, village: 2 };
  return rows.sort((a, b) => rank[a.level] - rank[b.level]);
}

/** The codes of a unit and every unit above it: an official of any of them sees the unit. */
export function unitAndAncestors(unit: Pick<Unit, "code" | "commune_code" | "province_code">): string[] {
  return [...new Set([unit.code, unit.commune_code, unit.province_code].filter((c): c is string => !!c))];
}

/**
 * Learners registered in each child of a unit (counting everything below the child), plus those
 * placed on the unit itself (a commune when the village is unknown). Counts only; never names.
 */
export async function learnerCountsBelow(
  db: Database,
  unit: Unit,
): Promise<{ byChild: Map<string, number>; onUnit: number; total: number }> {
  const byChild = new Map<string, number>();
  let onUnit = 0;
  if (unit.level === "village") {
    const row = await db
      .selectFrom("learner_profiles")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("unit_code", "=", unit.code)
      .executeTakeFirstOrThrow();
    onUnit = Number(row.n);
    return { byChild, onUnit, total: onUnit };
  }
  const groupColumn = unit.level === "province" ? "units.commune_code" : "units.code";
  const scopeColumn = unit.level === "province" ? "units.province_code" : "units.commune_code";
  const rows = await db
    .selectFrom("learner_profiles")
    .innerJoin("units", "units.code", "learner_profiles.unit_code")
    .select([sql<string | null>`${sql.ref(groupColumn)}`.as("child"), (eb) => eb.fn.countAll<number>().as("n")])
    .where(sql.ref(scopeColumn), "=", unit.code)
    .groupBy(sql.ref(groupColumn))
    .execute();
  let total = 0;
  for (const row of rows) {
    const n = Number(row.n);
    total += n;
    if (!row.child || row.child === unit.code) onUnit += n;
    else byChild.set(row.child, n);
  }
  return { byChild, onUnit, total };
}

// —— Villages, managed in the site by a commune's officials ——

export type VillageResult =
  { ok: true; code: string } | { ok: false; error: "name-missing" | "name-too-long" | "name-taken" | "not-found" | "same-village" };

const cleanName = (name: string) => name.normalize("NFC").trim().replace(/\s+/g, " ");

function checkName(name: string): "name-missing" | "name-too-long" | null {
  if (!name) return "name-missing";
  if (name.length > UNIT_NAME_MAX) return "name-too-long";
  return null;
}

async function nameTaken(db: Database, { parentCode, name, except }: { parentCode: string; name: string; except?: string }) {
  const siblings = await db
    .selectFrom("units")
    .select(["code", "name"])
    .where("parent_code", "=", parentCode)
    .where("merged_into", "is", null)
    .execute();
  return siblings.some((s) => s.code !== except && s.name.toLocaleLowerCase("vi") === name.toLocaleLowerCase("vi"));
}

export async function addVillage(
  db: Database,
  { communeCode, name: raw, now = new Date() }: { communeCode: string; name: string; now?: Date },
): Promise<VillageResult> {
  const name = cleanName(raw);
  const bad = checkName(name);
  if (bad) return { ok: false, error: bad };
  return db.transaction().execute(async (trx) => {
    const commune = await trx
      .selectFrom("units")
      .selectAll()
      .where("code", "=", communeCode)
      .where("level", "=", "commune")
      .executeTakeFirst();
    if (!commune) return { ok: false as const, error: "not-found" as const };
    if (await nameTaken(trx, { parentCode: communeCode, name })) return { ok: false as const, error: "name-taken" as const };
    const taken = new Set(
      (await trx.selectFrom("units").select("code").where("code", "like", `${communeCode}-T%`).execute()).map((r) => r.code),
    );
    const code = nextVillageCode(communeCode, taken);
    const at = now.toISOString();
    await trx
      .insertInto("units")
      .values({
        code,
        name,
        level: "village",
        parent_code: communeCode,
        province_code: commune.province_code,
        commune_code: communeCode,
        merged_into: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    return { ok: true as const, code };
  });
}

/** Renames a unit; its code, and so its learners and figures, stay. */
export async function renameUnit(
  db: Database,
  { code, name: raw, now = new Date() }: { code: string; name: string; now?: Date },
): Promise<VillageResult> {
  const name = cleanName(raw);
  const bad = checkName(name);
  if (bad) return { ok: false, error: bad };
  const unit = await getUnit(db, code);
  if (!unit || unit.merged_into) return { ok: false, error: "not-found" };
  if (unit.parent_code && (await nameTaken(db, { parentCode: unit.parent_code, name, except: code })))
    return { ok: false, error: "name-taken" };
  await db.updateTable("units").set({ name, updated_at: now.toISOString() }).where("code", "=", code).execute();
  return { ok: true, code };
}

/**
 * Merges a village into another of the same commune, in one transaction: its learners and classes
 * move, its officials become officials of the village it joined, and it stays as a row pointing
 * there (merged_into), so nothing recorded against it is lost.
 */
export async function mergeVillage(
  db: Database,
  { from, into, now = new Date() }: { from: string; into: string; now?: Date },
): Promise<VillageResult> {
  if (from === into) return { ok: false, error: "same-village" };
  return db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom("units").selectAll().where("code", "in", [from, into]).execute();
    const source = rows.find((r) => r.code === from);
    const target = rows.find((r) => r.code === into);
    if (
      !source ||
      !target ||
      source.level !== "village" ||
      target.level !== "village" ||
      source.merged_into ||
      target.merged_into ||
      source.parent_code !== target.parent_code
    ) {
      return { ok: false as const, error: "not-found" as const };
    }
    const at = now.toISOString();
    await trx.updateTable("learner_profiles").set({ unit_code: into, profile_updated_at: at }).where("unit_code", "=", from).execute();
    await trx.updateTable("classes").set({ unit_code: into, updated_at: at }).where("unit_code", "=", from).execute();
    const officials = await trx.selectFrom("unit_officials").selectAll().where("unit_code", "=", from).execute();
    for (const o of officials) {
      await trx
        .insertInto("unit_officials")
        .values({ ...o, unit_code: into })
        .onConflict((oc) => oc.columns(["learner_id", "unit_code"]).doNothing())
        .execute();
    }
    await trx.deleteFrom("unit_officials").where("unit_code", "=", from).execute();
    await trx
      .updateTable("units")
      .set({ merged_into: into, updated_at: at })
      .where((eb) => eb.or([eb("code", "=", from), eb("merged_into", "=", from)]))
      .execute();
    return { ok: true as const, code: into };
  });
}

// —— Where each learner belongs ——

export interface LearnerPlace {
  unitCode: string | null;
  audience: Audience | null;
  birthYear: number | null;
}

export async function getLearnerPlace(db: Database, learnerId: string): Promise<LearnerPlace> {
  const row = await db
    .selectFrom("learner_profiles")
    .select(["unit_code", "audience", "birth_year"])
    .where("learner_id", "=", learnerId)
    .executeTakeFirst();
  return {
    unitCode: row?.unit_code ?? null,
    audience: row?.audience ?? null,
    birthYear: row?.birth_year == null ? null : Number(row.birth_year),
  };
}

/** A unit a learner may be placed in: a village or a commune that exists and was not merged (a merged village's learners went to the other). */
export async function placeableUnit(db: Database, code: string): Promise<Unit | undefined> {
  const unit = await getUnit(db, code);
  return unit && unit.level !== "province" && !unit.merged_into ? unit : undefined;
}

/** Sets where a learner belongs (creating their profile row when they have none). Unknown units are refused before writing. */
export async function setLearnerPlace(
  db: Database,
  {
    learnerId,
    place,
    createdBy = null,
    now = new Date(),
  }: { learnerId: string; place: LearnerPlace; createdBy?: string | null; now?: Date },
): Promise<boolean> {
  if (place.unitCode && !(await placeableUnit(db, place.unitCode))) return false;
  const at = now.toISOString();
  await db
    .insertInto("learner_profiles")
    .values({
      learner_id: learnerId,
      birth_year: place.birthYear,
      place: null,
      created_by: createdBy,
      created_at: at,
      unit_code: place.unitCode,
      audience: place.audience,
      profile_updated_at: at,
    })
    .onConflict((oc) =>
      oc
        .column("learner_id")
        .doUpdateSet({ unit_code: place.unitCode, audience: place.audience, birth_year: place.birthYear, profile_updated_at: at }),
    )
    .execute();
  return true;
}

/** A class that belongs to a unit supplies it to a learner who has none (joining never overrides a learner's own choice). */
export async function supplyUnitFromClass(
  db: Database,
  { learnerId, classId, now = new Date() }: { learnerId: string; classId: string; now?: Date },
): Promise<void> {
  const klass = await db.selectFrom("classes").select("unit_code").where("id", "=", classId).executeTakeFirst();
  if (!klass?.unit_code || !(await placeableUnit(db, klass.unit_code))) return;
  const at = now.toISOString();
  await db
    .insertInto("learner_profiles")
    .values({
      learner_id: learnerId,
      birth_year: null,
      place: null,
      created_by: null,
      created_at: at,
      unit_code: klass.unit_code,
      audience: null,
      profile_updated_at: at,
    })
    .onConflict((oc) =>
      oc
        .column("learner_id")
        .doUpdateSet({ unit_code: klass.unit_code, profile_updated_at: at })
        .where("learner_profiles.unit_code", "is", null),
    )
    .execute();
}
