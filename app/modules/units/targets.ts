import { z } from "zod";
import type { Audience, TargetAudience } from "#db/schema";
import { headerIndexes, readCsvRecords, UNIT_CODE, type UnitFileError } from "./tree";

/** The groups a learner chooses from (sign-up, profile, a facilitator's form). */
export const AUDIENCES: readonly Audience[] = ["public-sector", "student", "worker", "other"];
/** The groups targets are set for; "adult" counts every adult learner. */
export const TARGET_AUDIENCES: readonly TargetAudience[] = ["public-sector", "student", "adult", "worker"];

export function isAudience(value: unknown): value is Audience {
  return typeof value === "string" && (AUDIENCES as readonly string[]).includes(value);
}
export function isTargetAudience(value: unknown): value is TargetAudience {
  return typeof value === "string" && (TARGET_AUDIENCES as readonly string[]).includes(value);
}

/**
 * The plan's figures (Bình Phước plan, section III; the other provinces' plans set the same):
 * 2025: 80% of public-sector staff, 100% of students, 70% of adults with basic digital skills,
 * 80% of workers in enterprises and cooperatives; 2026: 100% of each.
 */
export const PLAN_TARGETS: Readonly<Record<number, Readonly<Record<TargetAudience, number>>>> = {
  2025: { "public-sector": 80, student: 100, adult: 70, worker: 80 },
  2026: { "public-sector": 100, student: 100, adult: 100, worker: 100 },
};

/** The plan's target for a year: that year's figure, the last plan year's after it, the first's before it. */
export function planTarget(year: number, audience: TargetAudience): number {
  const years = Object.keys(PLAN_TARGETS)
    .map(Number)
    .sort((a, b) => a - b);
  const chosen = years.filter((y) => y <= year).pop() ?? years[0]!;
  return PLAN_TARGETS[chosen]![audience];
}

export const TARGET_YEAR_MIN = 2024;
export const TARGET_YEAR_MAX = 2035;

/** "70", "70.5" or "70,5" (a Vietnamese decimal comma); blank is "not given". */
const decimal = (raw: string) => Number(raw.trim().replace(",", "."));

/** One target as typed in a form or a CSV row. Error codes are i18n keys under `units:targets.errors`. */
export const targetValuesSchema = z.object({
  denominator: z
    .string()
    .optional()
    .transform((s) => (s ?? "").trim().replace(/[.\s]/g, ""))
    .superRefine((s, ctx) => {
      if (!s) return;
      if (!/^-?\d+$/.test(s)) ctx.addIssue({ code: "custom", message: "denominator-not-number" });
      else if (Number(s) < 0) ctx.addIssue({ code: "custom", message: "denominator-negative" });
      else if (Number(s) === 0) ctx.addIssue({ code: "custom", message: "denominator-zero" });
      else if (Number(s) > 100_000_000) ctx.addIssue({ code: "custom", message: "denominator-too-large" });
    })
    .transform((s) => (s ? Number(s) : null)),
  targetPercent: z
    .string()
    .optional()
    .transform((s) => (s ?? "").trim())
    .superRefine((s, ctx) => {
      if (!s) ctx.addIssue({ code: "custom", message: "percent-missing" });
      else if (!Number.isFinite(decimal(s))) ctx.addIssue({ code: "custom", message: "percent-not-number" });
      else if (decimal(s) < 0) ctx.addIssue({ code: "custom", message: "percent-negative" });
      else if (decimal(s) > 100) ctx.addIssue({ code: "custom", message: "percent-over-100" });
    })
    .transform((s) => Math.round(decimal(s) * 10) / 10),
});

export interface TargetRow {
  line: number;
  unitCode: string;
  year: number;
  audience: TargetAudience;
  denominator: number | null;
  targetPercent: number;
}

export const TARGETS_HEADER = ["unit_code", "year", "audience", "denominator", "target_percent"] as const;

export type TargetFileError =
  | UnitFileError
  | {
      line: number;
      problem: "bad-year" | "bad-audience" | "duplicate-target" | "unknown-unit" | string;
      detail?: Record<string, string | number>;
    };

/** Parses a targets CSV; `knownUnits` are the codes stored. Every error names its line. */
export function parseTargetsCsv(
  text: string,
  knownUnits: ReadonlySet<string>,
): { ok: true; rows: TargetRow[] } | { ok: false; errors: TargetFileError[] } {
  const read = readCsvRecords(text);
  if (!read.ok) return { ok: false, errors: [read.error] };
  const [header, ...records] = read.records;
  if (!header) return { ok: false, errors: [{ line: 1, problem: "empty-file" }] };
  const columns = headerIndexes(header.fields, TARGETS_HEADER);
  if (!columns)
    return { ok: false, errors: [{ line: header.line, problem: "bad-header", detail: { expected: TARGETS_HEADER.join(",") } }] };
  if (records.length === 0) return { ok: false, errors: [{ line: header.line, problem: "empty-file" }] };
  const rows: TargetRow[] = [];
  const errors: TargetFileError[] = [];
  const seen = new Map<string, number>();
  for (const { line, fields } of records) {
    const unitCode = (fields[columns.unit_code] ?? "").trim();
    const yearText = (fields[columns.year] ?? "").trim();
    const audience = (fields[columns.audience] ?? "").trim().toLowerCase();
    const year = Number(yearText);
    let ok = true;
    if (!UNIT_CODE.test(unitCode) || !knownUnits.has(unitCode)) {
      errors.push({ line, problem: "unknown-unit", detail: { code: unitCode } });
      ok = false;
    }
    if (!/^\d{4}$/.test(yearText) || year < TARGET_YEAR_MIN || year > TARGET_YEAR_MAX) {
      errors.push({ line, problem: "bad-year", detail: { year: yearText, min: TARGET_YEAR_MIN, max: TARGET_YEAR_MAX } });
      ok = false;
    }
    if (!isTargetAudience(audience)) {
      errors.push({ line, problem: "bad-audience", detail: { audience, expected: TARGET_AUDIENCES.join(", ") } });
      ok = false;
    }
    const values = targetValuesSchema.safeParse({
      denominator: fields[columns.denominator] ?? "",
      targetPercent: fields[columns.target_percent] ?? "",
    });
    if (!values.success) {
      for (const issue of values.error.issues) errors.push({ line, problem: issue.message });
      ok = false;
    }
    const key = `${unitCode}\n${year}\n${audience}`;
    const first = seen.get(key);
    if (ok && first !== undefined) {
      errors.push({ line, problem: "duplicate-target", detail: { code: unitCode, year, audience, firstLine: first } });
      ok = false;
    }
    seen.set(key, line);
    if (ok && values.success && isTargetAudience(audience)) {
      rows.push({ line, unitCode, year, audience, denominator: values.data.denominator, targetPercent: values.data.targetPercent });
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}

/** Registered learners above the denominator: a warning (the denominator is probably out of date), never a refusal. */
export function exceedsDenominator(registered: number, denominator: number | null): boolean {
  return denominator !== null && registered > denominator;
}
