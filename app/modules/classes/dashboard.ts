/** Pure rules for the class dashboard: each cell's state, who is stuck, who is late. */
import { lessonState, summariseModule, type LessonState } from "~/modules/progress/mastery";

/** Two failed attempts at the same quiz, and not mastered yet: someone should sit with them. */
export const STUCK_AFTER_FAILS = 2;

export interface ItemProgress {
  passed: number;
  attempt_count: number;
  best_score: number;
  last_attempt_at: string;
}

export interface ProgressOf {
  lessons: ReadonlyMap<string, ItemProgress>;
  practices: ReadonlyMap<string, ItemProgress>;
}

export interface DashboardModule {
  id: string;
  title: string;
  lessons: { id: string; title: string }[];
  practiceIds: string[];
}

export interface DashboardMember {
  id: string;
  name: string;
}

export interface Cell {
  lessonId: string;
  state: LessonState;
  stuck: boolean;
  attempts: number;
  bestScore: number | null;
}

export interface LateModule {
  moduleId: string;
  title: string;
  dueDate: string;
}

export interface DashboardRow {
  learnerId: string;
  name: string;
  /** Per module shown, per lesson. */
  modules: {
    moduleId: string;
    cells: Cell[];
    mastered: number;
    total: number;
    practiceDone: number;
    practiceTotal: number;
    state: LessonState;
  }[];
  late: LateModule[];
  stuck: { moduleId: string; lessonId: string; lessonTitle: string; attempts: number }[];
}

export function isStuck(p: ItemProgress | undefined): boolean {
  return !!p && !p.passed && p.attempt_count >= STUCK_AFTER_FAILS;
}

/** Late: the due date has passed (the due day itself still counts as on time) and the module is not done. */
export function isLate(dueDate: string | null, moduleState: LessonState, today: string): boolean {
  return !!dueDate && dueDate < today && moduleState !== "mastered";
}

export function buildDashboard({
  members,
  modules,
  progress,
  dueDates,
  today,
}: {
  members: DashboardMember[];
  modules: DashboardModule[];
  progress: ReadonlyMap<string, ProgressOf>;
  /** Due date per module id, for the modules assigned to the class. */
  dueDates: ReadonlyMap<string, string | null>;
  today: string;
}): DashboardRow[] {
  const none: ProgressOf = { lessons: new Map(), practices: new Map() };
  return members.map((member) => {
    const p = progress.get(member.id) ?? none;
    const row: DashboardRow = { learnerId: member.id, name: member.name, modules: [], late: [], stuck: [] };
    for (const mod of modules) {
      const cells = mod.lessons.map((l): Cell => {
        const item = p.lessons.get(l.id);
        const stuck = isStuck(item);
        if (stuck) row.stuck.push({ moduleId: mod.id, lessonId: l.id, lessonTitle: l.title, attempts: item!.attempt_count });
        return {
          lessonId: l.id,
          state: lessonState(item),
          stuck,
          attempts: item?.attempt_count ?? 0,
          bestScore: item ? item.best_score : null,
        };
      });
      const summary = summariseModule({ lessonIds: mod.lessons.map((l) => l.id), practiceIds: mod.practiceIds }, p);
      row.modules.push({
        moduleId: mod.id,
        cells,
        mastered: summary.mastered,
        total: summary.total,
        practiceDone: summary.practiceDone,
        practiceTotal: summary.practiceTotal,
        state: summary.state,
      });
      const due = dueDates.get(mod.id) ?? null;
      if (isLate(due, summary.state, today)) row.late.push({ moduleId: mod.id, title: mod.title, dueDate: due! });
    }
    return row;
  });
}

/** Names sorted the Vietnamese way: by given name (the last word), then the whole name. */
export function compareVietnameseNames(a: string, b: string): number {
  const given = (s: string) => s.trim().split(/\s+/).pop() ?? "";
  const collator = new Intl.Collator("vi", { sensitivity: "base" });
  return collator.compare(given(a), given(b)) || collator.compare(a, b);
}
