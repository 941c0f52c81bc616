import { parse } from "csv-parse/sync";
import type { UnitLevel } from "#db/schema";

/**
 * Administrative units as data: pure rules for a tree of units (province → commune → village),
 * read from a CSV `code,name,level,parent_code`. Storage is in units.server.ts.
 */
export const UNIT_LEVELS: readonly UnitLevel[] = ["province", "commune", "village"];
const rank: Record<UnitLevel, number> = { province: 0, commune: 1, village: 2 };

export function isUnitLevel(value: unknown): value is UnitLevel {
  return typeof value === "string" && (UNIT_LEVELS as readonly string[]).includes(value);
}

/** Statistics office codes are digits; ours may add letters, "-", "_" and "." (villages: "<commune>-T01"). */
export const UNIT_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
export const UNIT_NAME_MAX = 120;

export interface UnitInput {
  code: string;
  name: string;
  level: UnitLevel;
  parentCode: string | null;
}

/** A row of a file, with the line it is on (the header is line 1). */
export interface UnitRow extends UnitInput {
  line: number;
}

/** A unit with the codes of the province and commune it is in (what the reports group by). */
export interface ResolvedUnit extends UnitInput {
  provinceCode: string;
  communeCode: string | null;
}

export type UnitProblem =
  | "empty-file"
  | "bad-header"
  | "bad-csv"
  | "missing-code"
  | "bad-code"
  | "missing-name"
  | "long-name"
  | "bad-level"
  | "duplicate-code"
  | "province-with-parent"
  | "missing-parent-code"
  | "missing-parent"
  | "cycle"
  | "wrong-level"
  | "children-conflict"
  | "root-not-found";

/** One thing wrong with a file, on a line; `detail` carries what the message names (codes, lines). */
export interface UnitFileError {
  line: number;
  problem: UnitProblem;
  detail?: Record<string, string | number>;
}

export const UNITS_HEADER = ["code", "name", "level", "parent_code"] as const;

/** Reads CSV text into records with the line each ends on; a broken quote is an error on its line. */
export function readCsvRecords(
  text: string,
): { ok: true; records: { line: number; fields: string[] }[] } | { ok: false; error: UnitFileError } {
  try {
    const parsed = parse(text, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: ["\r\n", "\n", "\r"],
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return { ok: true, records: parsed.map((p) => ({ line: p.info.lines, fields: p.record })) };
  } catch (error) {
    const line = Number((error as { lines?: number }).lines) || 1;
    return { ok: false, error: { line, problem: "bad-csv" } };
  }
}

/** Finds the named columns in a header row (any order, any case, extra columns ignored). */
export function headerIndexes<K extends string>(fields: string[], names: readonly K[]): Record<K, number> | null {
  const normalised = fields.map((f) => f.trim().toLowerCase());
  const out = {} as Record<K, number>;
  for (const name of names) {
    const index = normalised.indexOf(name);
    if (index < 0) return null;
    out[name] = index;
  }
  return out;
}

/** Parses a units CSV (already decoded text): the rows, or every error found, each naming its line. */
export function parseUnitsCsv(text: string): { ok: true; rows: UnitRow[] } | { ok: false; errors: UnitFileError[] } {
  const read = readCsvRecords(text);
  if (!read.ok) return { ok: false, errors: [read.error] };
  const [header, ...records] = read.records;
  if (!header) return { ok: false, errors: [{ line: 1, problem: "empty-file" }] };
  const columns = headerIndexes(header.fields, UNITS_HEADER);
  if (!columns) return { ok: false, errors: [{ line: header.line, problem: "bad-header", detail: { expected: UNITS_HEADER.join(",") } }] };
  if (records.length === 0) return { ok: false, errors: [{ line: header.line, problem: "empty-file" }] };
  const rows: UnitRow[] = [];
  const errors: UnitFileError[] = [];
  for (const { line, fields } of records) {
    const code = (fields[columns.code] ?? "").trim();
    const name = (fields[columns.name] ?? "").normalize("NFC").trim().replace(/\s+/g, " ");
    const level = (fields[columns.level] ?? "").trim().toLowerCase();
    const parent = (fields[columns.parent_code] ?? "").trim();
    if (!code) errors.push({ line, problem: "missing-code" });
    else if (!UNIT_CODE.test(code)) errors.push({ line, problem: "bad-code", detail: { code } });
    if (!name) errors.push({ line, problem: "missing-name", detail: { code } });
    else if (name.length > UNIT_NAME_MAX) errors.push({ line, problem: "long-name", detail: { code, max: UNIT_NAME_MAX } });
    if (!isUnitLevel(level)) errors.push({ line, problem: "bad-level", detail: { code, level } });
    if (code && UNIT_CODE.test(code) && name && name.length <= UNIT_NAME_MAX && isUnitLevel(level)) {
      rows.push({ line, code, name, level, parentCode: parent || null });
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}

/**
 * Checks the tree a file makes together with the units already stored: no code twice, every
 * parent known, no cycles, and province → commune → village in that order (a province has no
 * parent). Returns every unit of the combined tree with its province and commune.
 */
export function validateUnitTree(
  rows: readonly UnitRow[],
  existing: readonly UnitInput[] = [],
): { ok: true; units: Map<string, ResolvedUnit> } | { ok: false; errors: UnitFileError[] } {
  const errors: UnitFileError[] = [];
  const lineOf = new Map<string, number>();
  const merged = new Map<string, UnitInput>(existing.map((u) => [u.code, u]));
  for (const row of rows) {
    const first = lineOf.get(row.code);
    if (first !== undefined) {
      errors.push({ line: row.line, problem: "duplicate-code", detail: { code: row.code, firstLine: first } });
      continue;
    }
    lineOf.set(row.code, row.line);
    merged.set(row.code, row);
  }
  const lineFor = (code: string) => lineOf.get(code);

  for (const row of rows) {
    if (lineOf.get(row.code) !== row.line) continue;
    if (row.level === "province") {
      if (row.parentCode)
        errors.push({ line: row.line, problem: "province-with-parent", detail: { code: row.code, parent: row.parentCode } });
      continue;
    }
    if (!row.parentCode) {
      errors.push({ line: row.line, problem: "missing-parent-code", detail: { code: row.code, level: row.level } });
      continue;
    }
    const parent = merged.get(row.parentCode);
    if (!parent) {
      errors.push({ line: row.line, problem: "missing-parent", detail: { code: row.code, parent: row.parentCode } });
      continue;
    }
    // A cycle: following parents from this unit comes back to it.
    const seen = new Set<string>([row.code]);
    let cursor: UnitInput | undefined = parent;
    let cycle = false;
    while (cursor) {
      if (seen.has(cursor.code)) {
        cycle = true;
        break;
      }
      seen.add(cursor.code);
      cursor = cursor.parentCode ? merged.get(cursor.parentCode) : undefined;
    }
    if (cycle) {
      errors.push({ line: row.line, problem: "cycle", detail: { code: row.code, parent: row.parentCode } });
      continue;
    }
    if (rank[parent.level] !== rank[row.level] - 1) {
      errors.push({
        line: row.line,
        problem: "wrong-level",
        detail: { code: row.code, level: row.level, parent: parent.code, parentLevel: parent.level },
      });
    }
  }
  // Stored units below a unit whose level the file changes would end up in the wrong order.
  for (const unit of existing) {
    if (lineOf.has(unit.code) || !unit.parentCode) continue;
    const parent = merged.get(unit.parentCode);
    const line = lineFor(unit.parentCode);
    if (parent && line !== undefined && rank[parent.level] !== rank[unit.level] - 1) {
      errors.push({ line, problem: "children-conflict", detail: { code: parent.code, child: unit.code, childLevel: unit.level } });
    }
  }
  if (errors.length) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };

  const resolved = new Map<string, ResolvedUnit>();
  const resolve = (unit: UnitInput): ResolvedUnit => {
    const done = resolved.get(unit.code);
    if (done) return done;
    let result: ResolvedUnit;
    if (unit.level === "province" || !unit.parentCode) result = { ...unit, provinceCode: unit.code, communeCode: null };
    else {
      const parent = resolve(merged.get(unit.parentCode)!);
      result = { ...unit, provinceCode: parent.provinceCode, communeCode: unit.level === "commune" ? unit.code : parent.code };
    }
    resolved.set(unit.code, result);
    return result;
  };
  for (const unit of merged.values()) resolve(unit);
  return { ok: true, units: resolved };
}

/** What importing changes: units to insert (parents first) and to update; nothing when the file was imported before. */
export interface ImportPlan {
  insert: ResolvedUnit[];
  update: ResolvedUnit[];
  unchanged: number;
  /** Rows left out because they are outside the deployment's root unit. */
  outsideRoot: number;
}

export interface StoredUnit extends ResolvedUnit {
  mergedInto?: string | null;
}

export function planUnitImport(
  rows: readonly UnitRow[],
  stored: readonly StoredUnit[],
  { rootCode = null }: { rootCode?: string | null } = {},
): { ok: true; plan: ImportPlan } | { ok: false; errors: UnitFileError[] } {
  const checked = validateUnitTree(rows, stored);
  if (!checked.ok) return checked;
  const before = new Map(stored.map((u) => [u.code, u]));
  if (rootCode && !checked.units.has(rootCode)) {
    return { ok: false, errors: [{ line: 1, problem: "root-not-found", detail: { code: rootCode } }] };
  }
  const plan: ImportPlan = { insert: [], update: [], unchanged: 0, outsideRoot: 0 };
  const inFile = new Set(rows.map((r) => r.code));
  // Every unit whose place in the tree changed (a commune moved to another province moves its villages too).
  for (const unit of checked.units.values()) {
    if (rootCode && unit.provinceCode !== rootCode && unit.code !== rootCode) {
      if (!before.has(unit.code)) plan.outsideRoot++;
      continue;
    }
    const old = before.get(unit.code);
    if (!old) plan.insert.push(unit);
    else if (
      old.name !== unit.name ||
      old.level !== unit.level ||
      (old.parentCode ?? null) !== unit.parentCode ||
      old.provinceCode !== unit.provinceCode ||
      (old.communeCode ?? null) !== unit.communeCode
    ) {
      plan.update.push(unit);
    } else if (inFile.has(unit.code)) plan.unchanged++;
  }
  plan.insert.sort((a, b) => rank[a.level] - rank[b.level]);
  plan.update.sort((a, b) => rank[a.level] - rank[b.level]);
  return { ok: true, plan };
}

/** The next free code for a village created in the site: "<commune>-T01", "-T02"… */
export function nextVillageCode(communeCode: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const code = `${communeCode}-T${String(n).padStart(2, "0")}`;
    if (!taken.has(code)) return code;
  }
}
