/**
 * Pure rules for the milestones the officials' report counts (issue 9): when a learner started,
 * when they completed a module, their first module, and every core module of the programme.
 * The same rules fill the maintained tables (module_progress, learner_milestones), the demo
 * generator and, written naively, the brute-force check in tests/db/reports.test.ts.
 */
import type { ItemKind } from "#db/schema";

export interface ModuleShape {
  id: string;
  lessonIds: readonly string[];
  practiceIds: readonly string[];
}

/** What the milestones depend on in the course: each module's items and the core modules. */
export interface CourseShape {
  modules: readonly ModuleShape[];
  /** content/programme.yaml's core modules (empty without a programme). */
  coreModuleIds: readonly string[];
}

/** A stable text of the shape: when it changes, the maintained milestones are rebuilt. */
export function shapeKey(shape: CourseShape): string {
  const modules = [...shape.modules]
    .map((m) => ({ id: m.id, l: [...m.lessonIds].sort(), p: [...m.practiceIds].sort() }))
    .sort((a, b) => a.id.localeCompare(b.id));
  return JSON.stringify({ m: modules, c: [...shape.coreModuleIds].sort() });
}

/**
 * "Completed a module": every lesson mastered and every practice completed; its date is the
 * latest of those passes. A module without items is never completed.
 */
export function moduleCompletedAt(mod: ModuleShape, passedAt: (kind: ItemKind, id: string) => string | null | undefined): string | null {
  if (mod.lessonIds.length + mod.practiceIds.length === 0) return null;
  let latest = "";
  for (const [kind, ids] of [
    ["lesson", mod.lessonIds],
    ["practice", mod.practiceIds],
  ] as const) {
    for (const id of ids) {
      const at = passedAt(kind, id);
      if (!at) return null;
      if (at > latest) latest = at;
    }
  }
  return latest;
}

/**
 * Whether a new attempt may have changed its module's milestones (and so its learner's), judged
 * from its item's summary after it was added. A module's start is its first attempt and its
 * completion depends only on when each item was first passed, so only three kinds can: an item's
 * first attempt (the module may start with it), an attempt older than the item's latest (it may be
 * the module's earliest), and one that is now the item's first pass (it may complete the module).
 * Any other, a learner answering a lesson again, changes nothing there: the milestones are not
 * recomputed for it (attempts.server.ts). Both attempts of a tie in time count as "may".
 */
export function mayChangeMilestones(
  after: { attempt_count: number; passed_at: string | null; last_attempt_at: string },
  attempt: { passed: boolean; created_at: string },
): boolean {
  if (after.attempt_count <= 1) return true;
  if (after.last_attempt_at !== attempt.created_at) return true;
  return attempt.passed && after.passed_at === attempt.created_at;
}

export interface ModuleMilestone {
  module_id: string;
  /** The first attempt at any item of the module. */
  started_at: string;
  completed_at: string | null;
}

export interface LearnerMilestone {
  /** The first attempt at anything. */
  started_at: string | null;
  /** The earliest module completion. */
  first_module_at: string | null;
  /** When the last core module was completed, once all are. */
  core_completed_at: string | null;
}

export function learnerMilestone(modules: readonly ModuleMilestone[], coreModuleIds: readonly string[]): LearnerMilestone {
  let started: string | null = null;
  let first: string | null = null;
  for (const m of modules) {
    if (!started || m.started_at < started) started = m.started_at;
    if (m.completed_at && (!first || m.completed_at < first)) first = m.completed_at;
  }
  let core: string | null = coreModuleIds.length ? "" : null;
  for (const id of coreModuleIds) {
    const done = modules.find((m) => m.module_id === id)?.completed_at;
    if (!done) {
      core = null;
      break;
    }
    if (done > core!) core = done;
  }
  return { started_at: started, first_module_at: first, core_completed_at: core };
}
