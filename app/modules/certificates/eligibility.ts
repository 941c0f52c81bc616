/**
 * Who may be given which certificate. Pure rules over plain data (a module's lesson and practice
 * ids, the learner's progress rows, the certificates they already hold, the programme's core
 * modules), so they can be tested without a database and are the same for every caller.
 */

export type CertificateKind = "module" | "programme";
/** Every kind a certificate may have: the course's, claimed by the rules below, and a contest's (issued by app/modules/contests). */
export type IssuedKind = CertificateKind | "contest";

export interface ModuleRequirement {
  id: string;
  lessonIds: readonly string[];
  practiceIds: readonly string[];
}

/** A progress summary row: mastered (lesson) or completed (practice) once `passed` is 1. */
export interface ItemProgress {
  passed: number;
  passed_at: string | null;
}

export interface ProgressView {
  lessons: ReadonlyMap<string, ItemProgress>;
  practices: ReadonlyMap<string, ItemProgress>;
}

export type ModuleEligibility =
  | { eligible: true; moduleId: string; completedAt: string }
  | { eligible: false; moduleId: string; reason: "empty" | "incomplete"; lessonsLeft: string[]; practicesLeft: string[] };

const latest = (dates: string[]) => dates.reduce((a, b) => (b > a ? b : a));

/**
 * A module certificate: every lesson mastered and every practice completed. A module with no
 * lessons certifies nothing. The completion date is when the last of them was passed.
 */
export function moduleEligibility(module: ModuleRequirement, progress: ProgressView): ModuleEligibility {
  const lessonsLeft = module.lessonIds.filter((id) => progress.lessons.get(id)?.passed !== 1);
  const practicesLeft = module.practiceIds.filter((id) => progress.practices.get(id)?.passed !== 1);
  if (module.lessonIds.length === 0) return { eligible: false, moduleId: module.id, reason: "empty", lessonsLeft, practicesLeft };
  if (lessonsLeft.length || practicesLeft.length) {
    return { eligible: false, moduleId: module.id, reason: "incomplete", lessonsLeft, practicesLeft };
  }
  const dates = [
    ...module.lessonIds.map((id) => progress.lessons.get(id)!.passed_at),
    ...module.practiceIds.map((id) => progress.practices.get(id)!.passed_at),
  ].filter((d): d is string => typeof d === "string" && d.length > 0);
  // Rows always carry passed_at once passed; the epoch only guards against a damaged row.
  return { eligible: true, moduleId: module.id, completedAt: dates.length ? latest(dates) : new Date(0).toISOString() };
}

export interface HeldCertificate {
  kind: IssuedKind;
  subjectId: string;
  completedAt: string;
  revoked: boolean;
  /** Set by the administrator who revoked it: the learner may claim a new one (e.g. a corrected name). */
  reissueAllowed: boolean;
}

export interface ProgrammeRequirement {
  id: string;
  coreModules: readonly string[];
}

export type ProgrammeEligibility =
  { eligible: true; completedAt: string } | { eligible: false; reason: "empty" | "incomplete"; modulesLeft: string[] };

/** The programme certificate: a valid module certificate for every core module. */
export function programmeEligibility(programme: ProgrammeRequirement, held: readonly HeldCertificate[]): ProgrammeEligibility {
  if (programme.coreModules.length === 0) return { eligible: false, reason: "empty", modulesLeft: [] };
  const valid = new Map(held.filter((c) => c.kind === "module" && !c.revoked).map((c) => [c.subjectId, c]));
  const modulesLeft = programme.coreModules.filter((id) => !valid.has(id));
  if (modulesLeft.length) return { eligible: false, reason: "incomplete", modulesLeft };
  return { eligible: true, completedAt: latest(programme.coreModules.map((id) => valid.get(id)!.completedAt)) };
}

export type ClaimDecision =
  | { kind: "issue"; completedAt: string }
  /** Already holds a valid certificate for this: show that one, never issue a second. */
  | { kind: "held" }
  /** A certificate for this was revoked and the administrator did not allow a new one. */
  | { kind: "revoked" }
  | { kind: "not-eligible" }
  /** Qualifies, but certificates are issued to accounts only (they carry a name). */
  | { kind: "needs-account"; completedAt: string };

/** Whether a learner may be issued a certificate for a subject now, given what they hold. */
export function claimDecision(input: {
  learnerKind: "guest" | "account";
  subject: { kind: CertificateKind; id: string };
  eligibility: { eligible: true; completedAt: string } | { eligible: false };
  held: readonly HeldCertificate[];
}): ClaimDecision {
  const same = input.held.filter((c) => c.kind === input.subject.kind && c.subjectId === input.subject.id);
  if (same.some((c) => !c.revoked)) return { kind: "held" };
  if (!input.eligibility.eligible) return { kind: "not-eligible" };
  if (same.some((c) => c.revoked && !c.reissueAllowed)) return { kind: "revoked" };
  if (input.learnerKind !== "account") return { kind: "needs-account", completedAt: input.eligibility.completedAt };
  return { kind: "issue", completedAt: input.eligibility.completedAt };
}

export interface SubjectStatus<E> {
  id: string;
  eligibility: E;
  decision: ClaimDecision;
}

/** Every certificate a learner could hold, and where they stand with each: for "My certificates". */
export function certificateOverview(input: {
  learnerKind: "guest" | "account";
  modules: readonly ModuleRequirement[];
  programme: ProgrammeRequirement | null;
  progress: ProgressView;
  held: readonly HeldCertificate[];
}): { modules: SubjectStatus<ModuleEligibility>[]; programme: SubjectStatus<ProgrammeEligibility> | null } {
  const modules = input.modules.map((m) => {
    const eligibility = moduleEligibility(m, input.progress);
    return {
      id: m.id,
      eligibility,
      decision: claimDecision({ learnerKind: input.learnerKind, subject: { kind: "module", id: m.id }, eligibility, held: input.held }),
    };
  });
  if (!input.programme) return { modules, programme: null };
  const eligibility = programmeEligibility(input.programme, input.held);
  const decision = claimDecision({
    learnerKind: input.learnerKind,
    subject: { kind: "programme", id: input.programme.id },
    eligibility,
    held: input.held,
  });
  return { modules, programme: { id: input.programme.id, eligibility, decision } };
}
