/**
 * The report as tables: one model for the page, the CSV and the XLSX, so the three always show the
 * same columns and figures. Percentages are fractions (0.5 = 50%): the spreadsheet formats them.
 */
import type { TFunction } from "~/i18n/i18n";
import { ACTIVITY_FIGURES, LEARNER_FIGURES, type AudienceRow, type Report, type TargetFigures, type UnitRow } from "./figures";

export type CellKind = "text" | "count" | "percent" | "yesno";
export type Cell = string | number | boolean | null;

export interface Column {
  id: string;
  label: string;
  kind: CellKind;
}

export interface TableRow {
  cells: Cell[];
  /** A unit with its own report one level down. */
  drillCode?: string;
  total?: boolean;
  /** More registered learners than the denominator says there are. */
  overDenominator?: boolean;
}

/** A bar of the chart: a child unit's share reached against its target. */
export interface ChartRow {
  name: string;
  /** 0–1, or null without a denominator. */
  share: number | null;
  /** 0–1. */
  target: number | null;
  met: boolean | null;
}

export type TableId = "units" | "audiences" | "modules";

export interface ReportTable {
  id: TableId;
  title: string;
  columns: Column[];
  rows: TableRow[];
}

export const TABLE_IDS: readonly TableId[] = ["units", "audiences", "modules"];

function learnerColumns(t: TFunction): Column[] {
  return LEARNER_FIGURES.flatMap((f) => [
    { id: `${f}.period`, label: t("reports:columns.inPeriod", { figure: t(`reports:figures.${f}`) }), kind: "count" as const },
    { id: `${f}.total`, label: t("reports:columns.cumulative", { figure: t(`reports:figures.${f}`) }), kind: "count" as const },
  ]);
}

function targetColumns(t: TFunction): Column[] {
  return [
    { id: "denominator", label: t("reports:columns.denominator"), kind: "count" },
    { id: "targetPercent", label: t("reports:columns.targetPercent"), kind: "percent" },
    { id: "share", label: t("reports:columns.share"), kind: "percent" },
    { id: "met", label: t("reports:columns.met"), kind: "yesno" },
  ];
}

function learnerCells(row: { learners: UnitRow["learners"] }): Cell[] {
  return LEARNER_FIGURES.flatMap((f) => [row.learners[f].period, row.learners[f].total]);
}

function targetCells(target: TargetFigures | null): Cell[] {
  if (!target) return [null, null, null, null];
  return [target.denominator, target.targetPercent === null ? null : target.targetPercent / 100, target.share, target.met];
}

export function unitRowName(row: UnitRow, t: TFunction): string {
  if (row.kind === "total") return t("reports:rows.total");
  if (row.kind === "none") return t("reports:rows.none");
  if (row.kind === "direct") return row.level === "village" ? (row.name ?? "") : t("reports:rows.direct", { name: row.name ?? "" });
  return row.name ?? row.code ?? "";
}

function audienceName(row: AudienceRow, t: TFunction): string {
  return row.audience === "total" ? t("reports:rows.total") : t(`reports:audiences.${row.audience}`);
}

export function reportTables(report: Report, t: TFunction, moduleTitle: (id: string) => string): ReportTable[] {
  const units: ReportTable = {
    id: "units",
    title: t("reports:tables.units"),
    columns: [
      { id: "name", label: t("reports:columns.unit"), kind: "text" },
      { id: "code", label: t("reports:columns.code"), kind: "text" },
      ...learnerColumns(t),
      ...targetColumns(t),
      ...ACTIVITY_FIGURES.map((f) => ({ id: f, label: t(`reports:activity.${f}`), kind: "count" as const })),
    ],
    rows: [...report.units, report.unitTotal].map((row) => ({
      cells: [
        unitRowName(row, t),
        row.kind === "unit" ? row.code : null,
        ...learnerCells(row),
        ...targetCells(row.target),
        ...ACTIVITY_FIGURES.map((f) => row.activity[f]),
      ],
      ...(row.drillable && row.code ? { drillCode: row.code } : {}),
      ...(row.kind === "total" ? { total: true } : {}),
      ...(row.target?.overDenominator ? { overDenominator: true } : {}),
    })),
  };
  const audiences: ReportTable = {
    id: "audiences",
    title: t("reports:tables.audiences"),
    columns: [{ id: "name", label: t("reports:columns.audience"), kind: "text" }, ...learnerColumns(t), ...targetColumns(t)],
    rows: [...report.audiences, report.audienceTotal].map((row) => ({
      cells: [audienceName(row, t), ...learnerCells(row), ...targetCells(row.target)],
      ...(row.audience === "total" ? { total: true } : {}),
      ...(row.target?.overDenominator ? { overDenominator: true } : {}),
    })),
  };
  const modules: ReportTable = {
    id: "modules",
    title: t("reports:tables.modules"),
    columns: [
      { id: "name", label: t("reports:columns.module"), kind: "text" },
      { id: "core", label: t("reports:columns.core"), kind: "yesno" },
      { id: "started.period", label: t("reports:columns.inPeriod", { figure: t("reports:figures.moduleStarted") }), kind: "count" },
      { id: "started.total", label: t("reports:columns.cumulative", { figure: t("reports:figures.moduleStarted") }), kind: "count" },
      { id: "completed.period", label: t("reports:columns.inPeriod", { figure: t("reports:figures.moduleCompleted") }), kind: "count" },
      { id: "completed.total", label: t("reports:columns.cumulative", { figure: t("reports:figures.moduleCompleted") }), kind: "count" },
    ],
    rows: report.modules.map((m) => ({
      cells: [moduleTitle(m.moduleId), m.core, m.started.period, m.started.total, m.completed.period, m.completed.total],
    })),
  };
  return [units, audiences, modules];
}

/** A cell as text for the page and the CSV: 1.234 and 12,5% in Vietnamese, 1,234 and 12.5% in English. */
export function formatCell(value: Cell, kind: CellKind, locale: string, t: TFunction): string {
  if (value === null || value === undefined) return kind === "text" ? "" : "—";
  if (kind === "yesno") return value ? t("reports:yes") : t("reports:no");
  if (kind === "percent" && typeof value === "number")
    return new Intl.NumberFormat(locale === "en" ? "en" : "vi", { style: "percent", maximumFractionDigits: 1 }).format(value);
  if (kind === "count" && typeof value === "number") return new Intl.NumberFormat(locale === "en" ? "en" : "vi").format(value);
  return String(value);
}
