import { PassThrough, type Writable } from "node:stream";
import ExcelJS from "exceljs";
import type { TFunction } from "~/i18n/i18n";
import { toCsv } from "~/modules/classes/csv";
import { displayDay } from "./period";
import type { Report } from "./figures";
import type { ReportTable } from "./tables";

/** The report's heading facts: unit, period, when it was made (Vietnam time). */
export function reportFacts(report: Report, t: TFunction): [string, string][] {
  const made = new Date(Date.parse(report.generatedAt) + 7 * 3_600_000).toISOString();
  return [
    [t("reports:facts.unit"), report.unit ? `${report.unit.name} (${report.unit.code})` : t("reports:facts.everywhere")],
    [t("reports:facts.period"), `${displayDay(report.period.startDay)} – ${displayDay(report.period.lastDay)}`],
    [t("reports:facts.made"), `${displayDay(made.slice(0, 10))} ${made.slice(11, 16)}`],
  ];
}

const PERCENT = "0.0%";

/**
 * Writes the report as XLSX to a stream with exceljs' streaming writer: one sheet per breakdown
 * (frozen header row and first column, numbers as numbers, shares in percent format), then a sheet
 * with the unit, the period and the date made. Rows are committed as they are written, so memory
 * holds one row at a time, whatever the size of the province.
 */
export async function writeReportXlsx(report: Report, tables: ReportTable[], t: TFunction, stream: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = t("reports:xlsx.creator");
  workbook.created = new Date(report.generatedAt);
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.title.slice(0, 31), { views: [{ state: "frozen", xSplit: 1, ySplit: 1 }] });
    sheet.columns = table.columns.map((c) => ({
      key: c.id,
      width: c.kind === "text" ? 32 : 14,
      ...(c.kind === "percent" ? { style: { numFmt: PERCENT } } : {}),
    }));
    const header = sheet.addRow(table.columns.map((c) => c.label));
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: "top" };
    header.commit();
    for (const row of table.rows) {
      const values = row.cells.map((cell, i) =>
        table.columns[i]!.kind === "yesno" && cell !== null ? (cell ? t("reports:yes") : t("reports:no")) : cell,
      );
      const added = sheet.addRow(values);
      if (row.total) added.font = { bold: true };
      added.commit();
    }
    sheet.commit();
  }
  const about = workbook.addWorksheet(t("reports:xlsx.aboutSheet"));
  about.columns = [{ width: 28 }, { width: 60 }];
  for (const fact of reportFacts(report, t)) about.addRow(fact).commit();
  about.addRow([t("reports:xlsx.definitions"), t("reports:definitions.reached")]).commit();
  about.commit();
  await workbook.commit();
}

/** The XLSX as a web stream for a Response body (written as the client reads it). */
export function reportXlsxStream(report: Report, tables: ReportTable[], t: TFunction): ReadableStream<Uint8Array> {
  const pass = new PassThrough();
  writeReportXlsx(report, tables, t, pass).catch((error: unknown) => pass.destroy(error as Error));
  return new ReadableStream<Uint8Array>({
    start(controller) {
      pass.on("data", (chunk: Buffer) => controller.enqueue(new Uint8Array(chunk)));
      pass.on("end", () => controller.close());
      pass.on("error", (error) => controller.error(error));
    },
    cancel() {
      pass.destroy();
    },
  });
}

/**
 * One breakdown as CSV (decision 27's rules: BOM, CRLF, formula guard): a header row, then one row
 * per line of the table; shares in percent with one decimal. The file name carries unit and period.
 */
export function reportCsv(table: ReportTable, t: TFunction): string {
  const lines: (string | number | null)[][] = [];
  lines.push(table.columns.map((c) => (c.kind === "percent" ? `${c.label} (%)` : c.label)));
  for (const row of table.rows) {
    lines.push(
      row.cells.map((cell, i) => {
        const kind = table.columns[i]!.kind;
        if (cell === null) return null;
        if (kind === "percent" && typeof cell === "number") return Math.round(cell * 1000) / 10;
        if (kind === "yesno") return cell ? t("reports:yes") : t("reports:no");
        return typeof cell === "boolean" ? String(cell) : cell;
      }),
    );
  }
  return toCsv(lines);
}
