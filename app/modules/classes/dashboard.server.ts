import type { Database } from "#db/client";
import type { Class } from "#db/schema";
import type { Locale } from "~/i18n/config";
import { getCourse } from "~/modules/content/course-instance.server";
import { listAssignments, listMembers, progressOfLearners } from "./classes.server";
import { vietnamDay } from "./codes";
import { buildDashboard } from "./dashboard";

/**
 * Everything the class's dashboard, its overview and its exports read, loaded one way: the
 * members, the assignments and one dashboard row per current member over every module of the
 * course (a page shows the modules it needs).
 */
export async function loadClassDashboard(db: Database, { klass, locale, now = new Date() }: { klass: Class; locale: Locale; now?: Date }) {
  const [course, members, assignments] = await Promise.all([
    getCourse(),
    listMembers(db, { classId: klass.id }),
    listAssignments(db, { classId: klass.id }),
  ]);
  const progress = await progressOfLearners(db, { learnerIds: members.active.map((m) => m.id) });
  const modules = course.modules(locale);
  const today = vietnamDay(now);
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
    today,
  });
  const assigned = modules.filter((m) => dueDates.has(m.id));
  return { modules, assigned, members, assignments, dueDates, progress, rows, today };
}
