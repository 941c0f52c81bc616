/**
 * Reporting periods in Vietnam time (UTC+7, no daylight saving): a quarter, a year, or a range of
 * days. A period is kept as the instants it covers, [start, end), as ISO strings in UTC, so it
 * compares directly with the stored timestamps (all written by `toISOString()`), and as the Vietnam
 * days it covers, [startDay, endDay), for tables that store a day (class sessions).
 */
import { vietnamDay } from "~/modules/classes/codes";

const VIETNAM_OFFSET_MS = 7 * 3_600_000;

export type PeriodKind = "quarter" | "year" | "range";

export interface Period {
  kind: PeriodKind;
  /** First instant, inclusive (UTC ISO). */
  start: string;
  /** First instant after the period (UTC ISO). */
  end: string;
  /** First day, inclusive, YYYY-MM-DD in Vietnam time. */
  startDay: string;
  /** Day after the last one, YYYY-MM-DD in Vietnam time. */
  endDay: string;
  /** The last day, inclusive (for display). */
  lastDay: string;
  /** The calendar year whose targets apply: the year of the period's last day. */
  year: number;
  /** 1–4 for a quarter. */
  quarter?: number;
}

/** The values a period form posts (query string). Every field is optional text, as typed. */
export interface PeriodInput {
  period?: string;
  year?: string;
  quarter?: string;
  from?: string;
  to?: string;
}

/** i18n keys (namespace "reports") for what is wrong with a period, by field. */
export type PeriodError = { field: "year" | "quarter" | "from" | "to" | "period"; code: string };

export { vietnamDay };

/** Midnight of a Vietnam day, as a UTC ISO string: "2026-01-01" → "2025-12-31T17:00:00.000Z". */
export function vietnamMidnight(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - VIETNAM_OFFSET_MS).toISOString();
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function isRealDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const parsed = new Date(`${day}T00:00:00.000Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day;
}

const pad = (n: number) => String(n).padStart(2, "0");

function fromDays(kind: PeriodKind, startDay: string, endDay: string, quarter?: number): Period {
  const lastDay = addDays(endDay, -1);
  return {
    kind,
    start: vietnamMidnight(startDay),
    end: vietnamMidnight(endDay),
    startDay,
    endDay,
    lastDay,
    year: Number(lastDay.slice(0, 4)),
    ...(quarter ? { quarter } : {}),
  };
}

export function quarterPeriod(year: number, quarter: number): Period {
  const startDay = `${year}-${pad(3 * (quarter - 1) + 1)}-01`;
  const endDay = quarter === 4 ? `${year + 1}-01-01` : `${year}-${pad(3 * quarter + 1)}-01`;
  return fromDays("quarter", startDay, endDay, quarter);
}

export function yearPeriod(year: number): Period {
  return fromDays("year", `${year}-01-01`, `${year + 1}-01-01`);
}

/** The quarter (Vietnam time) that `now` falls in. */
export function currentQuarter(now: Date): Period {
  const day = vietnamDay(now);
  return quarterPeriod(Number(day.slice(0, 4)), Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1);
}

const MIN_YEAR = 2020;

/**
 * Reads a period form: `period` = quarter (with year and quarter 1–4), year (with year) or range
 * (from and to, YYYY-MM-DD, both days included). Nothing given means this quarter. A period that
 * starts after it ends, or that has not started yet, is refused with the field to blame.
 */
export function parsePeriod(input: PeriodInput, now: Date): { ok: true; period: Period } | { ok: false; errors: PeriodError[] } {
  const kind = (input.period ?? "").trim() || (input.from || input.to ? "range" : input.year ? (input.quarter ? "quarter" : "year") : "");
  if (!kind) return { ok: true, period: currentQuarter(now) };
  const today = vietnamDay(now);
  const errors: PeriodError[] = [];

  if (kind === "range") {
    const from = (input.from ?? "").trim();
    const to = (input.to ?? "").trim();
    if (!from) errors.push({ field: "from", code: "reports:errors.fromRequired" });
    else if (!isRealDay(from)) errors.push({ field: "from", code: "reports:errors.dayInvalid" });
    if (!to) errors.push({ field: "to", code: "reports:errors.toRequired" });
    else if (!isRealDay(to)) errors.push({ field: "to", code: "reports:errors.dayInvalid" });
    if (errors.length) return { ok: false, errors };
    if (from > to) return { ok: false, errors: [{ field: "from", code: "reports:errors.startAfterEnd" }] };
    if (from > today) return { ok: false, errors: [{ field: "from", code: "reports:errors.future" }] };
    if (Number(from.slice(0, 4)) < MIN_YEAR) return { ok: false, errors: [{ field: "from", code: "reports:errors.tooEarly" }] };
    return { ok: true, period: fromDays("range", from, addDays(to, 1)) };
  }

  if (kind !== "quarter" && kind !== "year") return { ok: false, errors: [{ field: "period", code: "reports:errors.periodInvalid" }] };
  const yearText = (input.year ?? "").trim();
  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
  if (!Number.isInteger(year)) return { ok: false, errors: [{ field: "year", code: "reports:errors.yearInvalid" }] };
  if (year < MIN_YEAR) return { ok: false, errors: [{ field: "year", code: "reports:errors.tooEarly" }] };
  if (kind === "year") {
    const period = yearPeriod(year);
    if (period.startDay > today) return { ok: false, errors: [{ field: "year", code: "reports:errors.future" }] };
    return { ok: true, period };
  }
  const quarterText = (input.quarter ?? "").trim();
  const quarter = /^[1-4]$/.test(quarterText) ? Number(quarterText) : NaN;
  if (!Number.isInteger(quarter)) return { ok: false, errors: [{ field: "quarter", code: "reports:errors.quarterInvalid" }] };
  const period = quarterPeriod(year, quarter);
  if (period.startDay > today) return { ok: false, errors: [{ field: "quarter", code: "reports:errors.future" }] };
  return { ok: true, period };
}

/** The query string that names a period (for links: drilling down keeps the period). */
export function periodQuery(period: Period): string {
  if (period.kind === "quarter") return `period=quarter&year=${period.year}&quarter=${period.quarter}`;
  if (period.kind === "year") return `period=year&year=${period.year}`;
  return `period=range&from=${period.startDay}&to=${period.lastDay}`;
}

/** The form's values for a period (to prefill the form). */
export function periodInput(period: Period): PeriodInput {
  if (period.kind === "quarter") return { period: "quarter", year: String(period.year), quarter: String(period.quarter) };
  if (period.kind === "year") return { period: "year", year: String(period.year) };
  return { period: "range", from: period.startDay, to: period.lastDay };
}

/** "dd/mm/yyyy" as Vietnamese officials write dates. */
export function displayDay(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}
