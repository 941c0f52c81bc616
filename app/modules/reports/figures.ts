/**
 * The quarterly report's figures and their pure rules (issue 9): what each row holds, how rows add
 * up, a target's share and whether it is met. The queries are in report.server.ts; the same rules,
 * computed naively from whole tables, check them in tests/db/reports.test.ts.
 */
import type { Audience, TargetAudience, UnitLevel } from "#db/schema";
import { AUDIENCES, planTarget } from "~/modules/units/targets";
import type { Period } from "./period";

export { AUDIENCES };

/** New in the period, and cumulative to the period's end. */
export interface Count {
  period: number;
  total: number;
}

export const LEARNER_FIGURES = ["registered", "started", "completedOne", "completedCore", "certified"] as const;
export type LearnerFigure = (typeof LEARNER_FIGURES)[number];
export type LearnerFigures = Record<LearnerFigure, Count>;

export const ACTIVITY_FIGURES = ["classes", "sessions", "attendance", "mentors", "mentees", "mentorsAtTarget", "families"] as const;
export type ActivityFigure = (typeof ACTIVITY_FIGURES)[number];
/** Classes that met, sessions held and attendance marks in the period; mentors and families at its end. */
export type ActivityFigures = Record<ActivityFigure, number>;

/** A mentor ("Đại sứ số") is asked to guide at least this many people. */
export const MENTEE_TARGET = 5;

export interface TargetFigures {
  audience: TargetAudience;
  /** How many people of the group there are (unit_targets), if known. */
  denominator: number | null;
  /** The share to reach, 0–100 (the plan's figure when none was typed in). */
  targetPercent: number | null;
  /** Learners who completed every core module by the period's end: what the share counts. */
  reached: number;
  /** reached / denominator, 0–1 (may exceed 1 when the denominator is too low). */
  share: number | null;
  met: boolean | null;
  /** More registered learners than the denominator: the denominator is probably out of date. */
  overDenominator: boolean;
}

export type UnitRowKind = "unit" | "direct" | "none" | "total";

export interface UnitRow {
  kind: UnitRowKind;
  /** The child unit's code ("unit"), the report's own unit ("direct", "total"), null for "none". */
  code: string | null;
  name: string | null;
  level: UnitLevel | null;
  /** Has units below it: the row links to its own report. */
  drillable: boolean;
  learners: LearnerFigures;
  activity: ActivityFigures;
  target: TargetFigures | null;
}

export type AudienceKey = Audience | "none" | "total";

export interface AudienceRow {
  audience: AudienceKey;
  learners: LearnerFigures;
  target: TargetFigures | null;
}

export interface ModuleRow {
  moduleId: string;
  core: boolean;
  started: Count;
  completed: Count;
}

export interface Report {
  /** The unit reported on; null for the whole deployment (administrators). */
  unit: { code: string; name: string; level: UnitLevel } | null;
  period: Period;
  generatedAt: string;
  /** One row per child unit, then learners of the unit itself, then (whole deployment) learners without a unit. */
  units: UnitRow[];
  unitTotal: UnitRow;
  audiences: AudienceRow[];
  audienceTotal: AudienceRow;
  modules: ModuleRow[];
}

export const emptyCount = (): Count => ({ period: 0, total: 0 });

export function emptyLearnerFigures(): LearnerFigures {
  return Object.fromEntries(LEARNER_FIGURES.map((f) => [f, emptyCount()])) as LearnerFigures;
}

export function emptyActivity(): ActivityFigures {
  return Object.fromEntries(ACTIVITY_FIGURES.map((f) => [f, 0])) as ActivityFigures;
}

export function addLearnerFigures(into: LearnerFigures, add: LearnerFigures): LearnerFigures {
  for (const f of LEARNER_FIGURES) {
    into[f].period += add[f].period;
    into[f].total += add[f].total;
  }
  return into;
}

export function addActivity(into: ActivityFigures, add: ActivityFigures): ActivityFigures {
  for (const f of ACTIVITY_FIGURES) into[f] += add[f];
  return into;
}

/** The target group whose figures an audience row is compared with ("other" adults have none of their own). */
export function targetAudienceOf(audience: AudienceKey): TargetAudience | null {
  if (audience === "public-sector" || audience === "student" || audience === "worker") return audience;
  return audience === "total" ? "adult" : null;
}

export function targetFigures(input: {
  audience: TargetAudience;
  year: number;
  stored: { denominator: number | null; target_percent: number } | undefined;
  learners: LearnerFigures;
}): TargetFigures {
  const denominator = input.stored?.denominator ?? null;
  const targetPercent = input.stored ? input.stored.target_percent : planTarget(input.year, input.audience);
  const reached = input.learners.completedCore.total;
  const share = denominator && denominator > 0 ? reached / denominator : null;
  return {
    audience: input.audience,
    denominator,
    targetPercent,
    reached,
    share,
    met: share === null ? null : share * 100 >= targetPercent - 1e-9,
    overDenominator: denominator !== null && input.learners.registered.total > denominator,
  };
}
