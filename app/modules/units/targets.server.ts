import { sql } from "kysely";
import type { Database } from "#db/client";
import type { TargetAudience, Unit } from "#db/schema";
import { decodeUtf8File } from "./encoding";
import { parseTargetsCsv, planTarget, TARGET_AUDIENCES, type TargetFileError } from "./targets";

export interface TargetValue {
  audience: TargetAudience;
  denominator: number | null;
  targetPercent: number;
  /** False when nothing was saved yet and the plan's figure is shown. */
  saved: boolean;
}

/** A unit's targets for a year, one per group, the plan's figure where none was saved. */
export async function targetsOf(db: Database, { unitCode, year }: { unitCode: string; year: number }): Promise<TargetValue[]> {
  const rows = await db.selectFrom("unit_targets").selectAll().where("unit_code", "=", unitCode).where("year", "=", year).execute();
  return TARGET_AUDIENCES.map((audience) => {
    const row = rows.find((r) => r.audience === audience);
    return row
      ? {
          audience,
          denominator: row.denominator === null ? null : Number(row.denominator),
          targetPercent: Number(row.target_percent),
          saved: true,
        }
      : { audience, denominator: null, targetPercent: planTarget(year, audience), saved: false };
  });
}

type TargetWrite = { unitCode: string; year: number; audience: TargetAudience; denominator: number | null; targetPercent: number };

async function upsertTargets(db: Database, rows: TargetWrite[], updatedBy: string | null, now: Date) {
  const at = now.toISOString();
  for (const r of rows) {
    await db
      .insertInto("unit_targets")
      .values({
        unit_code: r.unitCode,
        year: r.year,
        audience: r.audience,
        denominator: r.denominator,
        target_percent: r.targetPercent,
        updated_at: at,
        updated_by: updatedBy,
      })
      .onConflict((oc) =>
        oc
          .columns(["unit_code", "year", "audience"])
          .doUpdateSet({ denominator: r.denominator, target_percent: r.targetPercent, updated_at: at, updated_by: updatedBy }),
      )
      .execute();
  }
}

/** Saves a unit's targets for a year (already validated), all or nothing. */
export async function saveTargets(
  db: Database,
  {
    unitCode,
    year,
    values,
    updatedBy = null,
    now = new Date(),
  }: { unitCode: string; year: number; values: Omit<TargetWrite, "unitCode" | "year">[]; updatedBy?: string | null; now?: Date },
): Promise<void> {
  await db.transaction().execute((trx) =>
    upsertTargets(
      trx,
      values.map((v) => ({ ...v, unitCode, year })),
      updatedBy,
      now,
    ),
  );
}

export type TargetsImportResult =
  { ok: true; count: number } | { ok: false; encoding: string; line?: number } | { ok: false; errors: TargetFileError[] };

/**
 * Imports targets from a CSV `unit_code,year,audience,denominator,target_percent`, for the units
 * `inScope` admits (an official's own and those below; any other code is "unknown", as a unit
 * outside one's scope is everywhere else). One transaction; a broken file imports nothing.
 */
export async function importTargetsFile(
  db: Database,
  {
    bytes,
    inScope,
    updatedBy = null,
    now = new Date(),
  }: { bytes: Uint8Array; inScope: (unit: Unit) => boolean; updatedBy?: string | null; now?: Date },
): Promise<TargetsImportResult> {
  const decoded = decodeUtf8File(bytes);
  if (!decoded.ok) return decoded;
  const units = await db.selectFrom("units").selectAll().where("merged_into", "is", null).execute();
  const known = new Set(units.filter(inScope).map((u) => u.code));
  const parsed = parseTargetsCsv(decoded.text, known);
  if (!parsed.ok) return parsed;
  await db.transaction().execute((trx) => upsertTargets(trx, parsed.rows, updatedBy, now));
  return { ok: true, count: parsed.rows.length };
}

/**
 * Learners registered in a unit and below it, per target group: "adult" counts every learner
 * placed there, the other groups those who chose that group. For the denominator warning.
 */
export async function registeredByAudience(db: Database, unit: Unit): Promise<Record<TargetAudience, number>> {
  const scope = unit.level === "province" ? "units.province_code" : unit.level === "commune" ? "units.commune_code" : "units.code";
  const rows = await db
    .selectFrom("learner_profiles")
    .innerJoin("units", "units.code", "learner_profiles.unit_code")
    .select(["learner_profiles.audience", (eb) => eb.fn.countAll<number>().as("n")])
    .where(sql.ref(scope), "=", unit.code)
    .groupBy("learner_profiles.audience")
    .execute();
  const out: Record<TargetAudience, number> = { "public-sector": 0, student: 0, adult: 0, worker: 0 };
  for (const row of rows) {
    const n = Number(row.n);
    out.adult += n;
    if (row.audience && row.audience !== "other") out[row.audience] += n;
  }
  return out;
}
