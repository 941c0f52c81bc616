import type { Params } from "@remix-run/react";
import type { Unit } from "#db/schema";
import { getDb } from "~/db.server";
import { requireLocale, translate } from "~/i18n/locale.server";
import { serverI18n } from "~/i18n/strings.server";
import { getCourse } from "~/modules/content/course-instance.server";
import { getCourseShape } from "~/modules/progress/shape.server";
import { maySeeUnit } from "~/modules/units/officials.server";
import { requireOfficialOf } from "~/modules/units/scope.server";
import { getUnit } from "~/modules/units/units.server";
import type { Report } from "./figures";
import { displayDay, parsePeriod, periodInput, periodQuery, type PeriodError, type PeriodInput } from "./period";
import { buildReport } from "./report.server";
import { reportTables, unitRowName, type ChartRow, type ReportTable } from "./tables";

export type ReportPage =
  | { ok: false; locale: string; unit: Unit; values: PeriodInput; errors: PeriodError[]; up: { code: string; name: string } | null }
  | {
      ok: true;
      locale: string;
      unit: Unit;
      values: PeriodInput;
      query: string;
      periodText: string;
      report: Report;
      tables: ReportTable[];
      chart: ChartRow[];
      up: { code: string; name: string } | null;
    };

/**
 * Everything a report route needs, in one place: the official's scope (a 404 for a unit outside
 * it), the period from the query string (its errors, with what was typed), the report and its
 * tables in the official's language.
 */
export async function loadReportPage(request: Request, params: Params): Promise<ReportPage> {
  const locale = requireLocale(params);
  const { unit, learner } = await requireOfficialOf(request, params.unitCode);
  const db = await getDb();
  const search = new URL(request.url).searchParams;
  const typed: PeriodInput = {};
  for (const key of ["period", "year", "quarter", "from", "to"] as const) {
    const value = search.get(key);
    if (value !== null) typed[key] = value.slice(0, 20);
  }
  const parent = unit.parent_code ? await getUnit(db, unit.parent_code) : undefined;
  const up = parent && (await maySeeUnit(db, { learnerId: learner.id, unit: parent })) ? { code: parent.code, name: parent.name } : null;
  const parsed = parsePeriod(typed, new Date());
  if (!parsed.ok) return { ok: false, locale, unit, values: typed, errors: parsed.errors, up };
  const [shape, course] = await Promise.all([getCourseShape(), getCourse()]);
  const report = (await buildReport(db, { unitCode: unit.code, period: parsed.period, shape }))!;
  const { t } = serverI18n(locale);
  const titles = new Map(course.modules(locale).map((m) => [m.id, m.title]));
  return {
    ok: true,
    locale,
    unit,
    values: periodInput(parsed.period),
    query: periodQuery(parsed.period),
    periodText: translate(locale, "reports:period.shown", {
      from: displayDay(parsed.period.startDay),
      to: displayDay(parsed.period.lastDay),
    }),
    report,
    tables: reportTables(report, t, (id) => titles.get(id) ?? id),
    chart: chartRows(report, (row) => unitRowName(row, t)),
    up,
  };
}

/** One bar per child unit with a denominator, or without (drawn as "no denominator yet"). */
export function chartRows(report: Report, name: (row: Report["units"][number]) => string): ChartRow[] {
  return report.units
    .filter((r) => r.kind === "unit")
    .map((r) => ({
      name: name(r),
      share: r.target?.share ?? null,
      target: r.target?.targetPercent === null || r.target?.targetPercent === undefined ? null : r.target.targetPercent / 100,
      met: r.target?.met ?? null,
    }));
}

/** A file name for the unit and period: "bao-cao-90001-2026-q2.xlsx". */
export function reportFileName(page: Extract<ReportPage, { ok: true }>, extension: string, suffix = ""): string {
  const p = page.report.period;
  const period = p.kind === "quarter" ? `${p.year}-q${p.quarter}` : p.kind === "year" ? String(p.year) : `${p.startDay}-${p.lastDay}`;
  return `bao-cao-${page.unit.code.replace(/[^A-Za-z0-9-]/g, "")}-${period}${suffix}.${extension}`;
}

export function attachment(name: string): string {
  return `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
