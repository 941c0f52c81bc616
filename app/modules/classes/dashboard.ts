/** Pure rules for the class dashboard: each cell's state, who is stuck, who is late and how, filters and pages. */
import { foldVietnamese } from "~/modules/accounts/pin";
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

/**
 * A lesson as the teacher reads it: not started, failed once (said softly: one slip is how
 * people learn), needs help (failed twice or more, still not passed), or mastered.
 */
export type CellStatus = "not-started" | "failed-once" | "stuck" | "mastered";

/**
 * How late a module is for a learner: not late (no due date, the due day has not passed, or it is
 * done), "behind" (started but not finished after the due day), or "not-started" after the due day.
 */
export type Lateness = "behind" | "not-started" | null;

export interface Cell {
  lessonId: string;
  state: LessonState;
  status: CellStatus;
  stuck: boolean;
  attempts: number;
  bestScore: number | null;
}

export interface LateModule {
  moduleId: string;
  title: string;
  dueDate: string;
  kind: Exclude<Lateness, null>;
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
    /** Lessons failed once and not passed yet (the soft warning before "needs help"). */
    failedOnce: number;
    stuck: number;
    dueDate: string | null;
    late: Lateness;
  }[];
  late: LateModule[];
  stuck: { moduleId: string; lessonId: string; lessonTitle: string; attempts: number }[];
}

export function isStuck(p: ItemProgress | undefined): boolean {
  return !!p && !p.passed && p.attempt_count >= STUCK_AFTER_FAILS;
}

/** What a lesson's status says, in words (the same words on the dashboard, a learner's page and the exports). */
export const cellStatusKey: Record<CellStatus, string> = {
  "not-started": "progress.state.not-started",
  "failed-once": "classes:dashboard.failedOnce",
  stuck: "classes:dashboard.stuck",
  mastered: "progress.state.mastered",
};

export function cellStatus(p: ItemProgress | undefined): CellStatus {
  if (!p || p.attempt_count <= 0) return p?.passed ? "mastered" : "not-started";
  if (p.passed) return "mastered";
  return isStuck(p) ? "stuck" : "failed-once";
}

/**
 * Late: the due date has passed (the due day itself still counts as on time) and the module is
 * not done; "behind" when something of it was started, "not-started" when nothing was. A mastered
 * module is never late.
 */
export function lateness(dueDate: string | null, moduleState: LessonState, today: string): Lateness {
  if (!dueDate || dueDate >= today || moduleState === "mastered") return null;
  return moduleState === "not-started" ? "not-started" : "behind";
}

export function isLate(dueDate: string | null, moduleState: LessonState, today: string): boolean {
  return lateness(dueDate, moduleState, today) !== null;
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
        const status = cellStatus(item);
        const stuck = status === "stuck";
        if (stuck) row.stuck.push({ moduleId: mod.id, lessonId: l.id, lessonTitle: l.title, attempts: item!.attempt_count });
        return {
          lessonId: l.id,
          state: lessonState(item),
          status,
          stuck,
          attempts: item?.attempt_count ?? 0,
          bestScore: item ? item.best_score : null,
        };
      });
      const summary = summariseModule({ lessonIds: mod.lessons.map((l) => l.id), practiceIds: mod.practiceIds }, p);
      const due = dueDates.get(mod.id) ?? null;
      const late = lateness(due, summary.state, today);
      row.modules.push({
        moduleId: mod.id,
        cells,
        mastered: summary.mastered,
        total: summary.total,
        practiceDone: summary.practiceDone,
        practiceTotal: summary.practiceTotal,
        state: summary.state,
        failedOnce: cells.filter((c) => c.status === "failed-once").length,
        stuck: cells.filter((c) => c.stuck).length,
        dueDate: due,
        late,
      });
      if (late) row.late.push({ moduleId: mod.id, title: mod.title, dueDate: due!, kind: late });
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

/** What the teacher can narrow the list to. */
export const FILTERS = ["all", "needs-help", "failed-once", "behind", "not-started", "late-not-started", "done"] as const;
export type Filter = (typeof FILTERS)[number];

export function readFilter(value: string | null): Filter {
  return (FILTERS as readonly string[]).includes(value ?? "") ? (value as Filter) : "all";
}

/**
 * Whether a learner's row belongs under a filter, judged on the modules shown (`moduleIds`):
 * needs help (stuck on a lesson), failed once (a first failure, not yet "needs help"), behind
 * (started but past the due date), late and not started, not started at all, or done (every
 * module shown mastered).
 */
export function matchesFilter(row: DashboardRow, filter: Filter, moduleIds: readonly string[]): boolean {
  const shown = row.modules.filter((m) => moduleIds.includes(m.moduleId));
  switch (filter) {
    case "all":
      return true;
    case "needs-help":
      return shown.some((m) => m.stuck > 0);
    case "failed-once":
      return shown.some((m) => m.failedOnce > 0);
    case "behind":
      return shown.some((m) => m.late === "behind");
    case "late-not-started":
      return shown.some((m) => m.late === "not-started");
    case "not-started":
      return shown.length > 0 && shown.every((m) => m.state === "not-started");
    case "done":
      return shown.length > 0 && shown.every((m) => m.state === "mastered");
  }
}

/** The boxes above the list, each the first names of one filter: who needs help, who is behind, who is late and has not started. */
export const BOX_FILTERS = ["needs-help", "behind", "late-not-started"] as const satisfies readonly Filter[];
export type BoxFilter = (typeof BOX_FILTERS)[number];

export interface BoxEntry {
  learnerId: string;
  name: string;
  /** Why they are in the box: their stuck lessons ("needs help") or their late modules of the box's kind. */
  stuck: DashboardRow["stuck"];
  late: LateModule[];
}

/**
 * Who a box lists, and why. A box is scoped the way its filter is: to the modules shown
 * (`moduleIds`: the assigned modules on the overview, one module when one is chosen). So the
 * count a box gives is the count its filter lists, and a lesson a learner is stuck on in a module
 * nobody is looking at (one not assigned, or another module than the one chosen) is counted
 * where that module is shown, not here; the page says which modules its boxes cover.
 */
export function summaryBox(rows: readonly DashboardRow[], filter: BoxFilter, moduleIds: readonly string[]): BoxEntry[] {
  const kind: Lateness = filter === "behind" ? "behind" : filter === "late-not-started" ? "not-started" : null;
  return rows
    .filter((r) => matchesFilter(r, filter, moduleIds))
    .map((r) => ({
      learnerId: r.learnerId,
      name: r.name,
      stuck: filter === "needs-help" ? r.stuck.filter((s) => moduleIds.includes(s.moduleId)) : [],
      late: r.late.filter((l) => l.kind === kind && moduleIds.includes(l.moduleId)),
    }));
}

/** A name (or login name) search the way people type it: without diacritics, any part of the name. */
export function matchesSearch(query: string, ...texts: (string | null | undefined)[]): boolean {
  const q = foldVietnamese(query.normalize("NFC")).replace(/\s+/g, " ").trim();
  if (!q) return true;
  return texts.some((t) => !!t && foldVietnamese(t).replace(/\s+/g, " ").includes(q));
}

/** Learners per page on the dashboard: a phone screen or two at a time, and a printed page. */
export const PAGE_SIZE = 20;

/** One page of a list (pages count from 1; a page past the end shows the last one). */
export function paginate<T>(items: readonly T[], requested: string | number | null, size = PAGE_SIZE) {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const asked = Math.trunc(Number(requested));
  const page = Number.isFinite(asked) && asked >= 1 ? Math.min(asked, pages) : 1;
  return { items: items.slice((page - 1) * size, page * size), page, pages, total: items.length };
}

/** Names two or more current members share: their rows say when each joined, to tell them apart. */
export function sharedNames(members: readonly { name: string }[]): Set<string> {
  const key = (name: string) => foldVietnamese(name).replace(/\s+/g, " ").trim();
  const seen = new Map<string, number>();
  for (const m of members) seen.set(key(m.name), (seen.get(key(m.name)) ?? 0) + 1);
  return new Set(members.filter((m) => (seen.get(key(m.name)) ?? 0) > 1).map((m) => m.name));
}
