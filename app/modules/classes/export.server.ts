import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import type { Database } from "#db/client";
import type { Class } from "#db/schema";
import { translate } from "~/i18n/locale.server";
import { csvDateTime, fileSlug } from "./csv";
import { cellStatusKey } from "./dashboard";
import { loadClassDashboard } from "./dashboard.server";

/**
 * The class's results for Excel, one table for both the CSV and the XLSX: one row per learner ×
 * lesson and learner × practice of the assigned modules (every module when none is assigned),
 * with the learner's attendance (sessions attended of those held). "Late" is said only of what
 * is not yet done: a mastered lesson or a completed practice is never late.
 */
export type ResultCell = string | number | null;

export async function classResults(db: Database, { klass, locale, now = new Date() }: { klass: Class; locale: string; now?: Date }) {
  const [dashboard, attendance, held] = await Promise.all([
    loadClassDashboard(db, { klass, locale, now }),
    attendedSessions(db, { classId: klass.id }),
    db
      .selectFrom("class_sessions")
      .select((eb) => eb.fn.countAll<string | number>().as("n"))
      .where("class_id", "=", klass.id)
      .executeTakeFirst(),
  ]);
  const { members, progress, dueDates, today } = dashboard;
  const modules = dashboard.assigned.length ? dashboard.assigned : dashboard.modules;
  const rows = dashboard.rows.map((r) => ({ ...r, modules: r.modules.filter((m) => modules.some((x) => x.id === m.moduleId)) }));
  const tr = (key: string) => translate(locale, `classes:csv.${key}`);
  const header = [
    "name",
    "username",
    "birthYear",
    "place",
    "sessionsAttended",
    "sessionsHeld",
    "module",
    "kind",
    "lesson",
    "state",
    "bestScore",
    "attempts",
    "lastAttempt",
    "dueDate",
    "late",
  ].map(tr);
  const sessionsHeld = Number(held?.n ?? 0);
  const byId = new Map(members.active.map((m) => [m.id, m]));
  const lines: ResultCell[][] = [];
  for (const row of rows) {
    const member = byId.get(row.learnerId)!;
    const p = progress.get(row.learnerId);
    const person = [member.name, member.username, member.birthYear, member.place, attendance.get(member.id) ?? 0, sessionsHeld];
    for (const [index, mod] of row.modules.entries()) {
      const meta = modules[index]!;
      const due = dueDates.get(mod.moduleId) ?? null;
      const overdue = !!due && due < today;
      for (const cell of mod.cells) {
        const item = p?.lessons.get(cell.lessonId);
        const state = translate(locale, cellStatusKey[cell.status]);
        lines.push([
          ...person,
          meta.title,
          tr("lessonKind"),
          meta.lessons.find((l) => l.id === cell.lessonId)?.title ?? cell.lessonId,
          state,
          cell.bestScore,
          cell.attempts,
          csvDateTime(item?.last_attempt_at ?? null),
          due,
          overdue && cell.state !== "mastered" ? tr("yes") : "",
        ]);
      }
      for (const practice of meta.practices) {
        const item = p?.practices.get(practice.id);
        const done = !!item && Number(item.passed) === 1;
        const state = translate(locale, `progress.state.${done ? "mastered" : item ? "in-progress" : "not-started"}`);
        lines.push([
          ...person,
          meta.title,
          tr("practiceKind"),
          practice.title,
          state,
          item ? item.best_score : null,
          item?.attempt_count ?? 0,
          csvDateTime(item?.last_attempt_at ?? null),
          due,
          overdue && !done ? tr("yes") : "",
        ]);
      }
    }
  }
  return { header, lines, fileName: `${fileSlug(klass.name)}-${today}`, sheetName: tr("sheet") };
}

/** Sessions each learner was marked present at, in this class. */
async function attendedSessions(db: Database, { classId }: { classId: string }): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("class_attendance")
    .innerJoin("class_sessions", "class_sessions.id", "class_attendance.session_id")
    .select(["class_attendance.learner_id", (eb) => eb.fn.countAll<string | number>().as("n")])
    .where("class_sessions.class_id", "=", classId)
    .where("class_attendance.present", "=", 1)
    .groupBy("class_attendance.learner_id")
    .execute();
  return new Map(rows.map((r) => [r.learner_id, Number(r.n)]));
}

/**
 * The same table as XLSX (exceljs, as the report's export): numbers stay numbers, the header row
 * and the name column are frozen, and a text cell is always text (Excel never runs a typed name
 * as a formula in an XLSX string cell). Opens in Excel whatever the list separator.
 */
export async function resultsXlsx(results: Awaited<ReturnType<typeof classResults>>): Promise<Buffer> {
  const pass = new PassThrough();
  const chunks: Buffer[] = [];
  pass.on("data", (c: Buffer) => chunks.push(c));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: pass, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(results.sheetName.slice(0, 31), { views: [{ state: "frozen", xSplit: 1, ySplit: 1 }] });
  sheet.columns = results.header.map((_, i) => ({ width: [0, 6, 8, 10].includes(i) ? 28 : 14 }));
  const header = sheet.addRow(results.header);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: "top" };
  header.commit();
  for (const line of results.lines) sheet.addRow(line.map((c) => (c === "" ? null : c))).commit();
  sheet.commit();
  await workbook.commit();
  await new Promise((resolve) => pass.end(resolve));
  return Buffer.concat(chunks);
}
