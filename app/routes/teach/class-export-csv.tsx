import type { LoaderFunctionArgs } from "@remix-run/node";
import { translate } from "~/i18n/locale.server";
import { requireOwnedClass } from "~/modules/classes/access.server";
import { listAssignments, listMembers, progressOfLearners } from "~/modules/classes/classes.server";
import { vietnamDay } from "~/modules/classes/codes";
import { csvDateTime, fileSlug, toCsv } from "~/modules/classes/csv";
import { buildDashboard } from "~/modules/classes/dashboard";
import { getCourse } from "~/modules/content/course-instance.server";

/**
 * The class's results as CSV: one row per learner × lesson of the assigned modules (every module
 * when none is assigned). Only this class's current members, only for its instructor.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, klass, db } = await requireOwnedClass(request, params);
  const [course, members, assignments] = await Promise.all([
    getCourse(),
    listMembers(db, { classId: klass.id }),
    listAssignments(db, { classId: klass.id }),
  ]);
  const progress = await progressOfLearners(db, { learnerIds: members.active.map((m) => m.id) });
  const assigned = new Set(assignments.map((a) => a.module_id));
  const modules = course.modules(locale).filter((m) => !assigned.size || assigned.has(m.id));
  const dueDates = new Map(assignments.map((a) => [a.module_id, a.due_date]));
  const rows = buildDashboard({
    members: members.active.map((m) => ({ id: m.id, name: m.name })),
    modules: modules.map((m) => ({
      id: m.id,
      title: m.title,
      lessons: m.lessons.map((l) => ({ id: l.id, title: l.title })),
      practiceIds: m.practices.map((p) => p.id),
    })),
    progress,
    dueDates,
    today: vietnamDay(new Date()),
  });
  const tr = (key: string) => translate(locale, `classes:csv.${key}`);
  const byId = new Map(members.active.map((m) => [m.id, m]));
  const lines: (string | number | null)[][] = [
    ["name", "username", "birthYear", "place", "module", "lesson", "state", "bestScore", "attempts", "lastAttempt", "dueDate", "late"].map(
      tr,
    ),
  ];
  for (const row of rows) {
    const member = byId.get(row.learnerId)!;
    for (const [index, mod] of row.modules.entries()) {
      const meta = modules[index]!;
      const late = row.late.some((l) => l.moduleId === mod.moduleId);
      for (const cell of mod.cells) {
        const lastAttempt = progress.get(row.learnerId)?.lessons.get(cell.lessonId)?.last_attempt_at ?? null;
        lines.push([
          member.name,
          member.username,
          member.birthYear,
          member.place,
          meta.title,
          meta.lessons.find((l) => l.id === cell.lessonId)?.title ?? cell.lessonId,
          cell.stuck ? translate(locale, "classes:dashboard.stuck") : translate(locale, `progress.state.${cell.state}`),
          cell.bestScore,
          cell.attempts,
          csvDateTime(lastAttempt),
          dueDates.get(mod.moduleId) ?? null,
          late ? tr("yes") : "",
        ]);
      }
    }
  }
  const name = `${fileSlug(klass.name)}-${vietnamDay(new Date())}.csv`;
  return new Response(toCsv(lines), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Cache-Control": "private, no-store",
    },
  });
}
