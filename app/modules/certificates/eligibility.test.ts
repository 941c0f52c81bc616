import { describe, expect, it } from "vitest";
import {
  certificateOverview,
  claimDecision,
  moduleEligibility,
  programmeEligibility,
  type HeldCertificate,
  type ItemProgress,
} from "./eligibility";

const passed = (at: string): ItemProgress => ({ passed: 1, passed_at: at });
const failed: ItemProgress = { passed: 0, passed_at: null };
const module = { id: "cashless-payment", lessonIds: ["a", "b"], practiceIds: ["p"] };
const progress = (lessons: [string, ItemProgress][], practices: [string, ItemProgress][] = []) => ({
  lessons: new Map(lessons),
  practices: new Map(practices),
});
const cert = (subjectId: string, over: Partial<HeldCertificate> = {}): HeldCertificate => ({
  kind: "module",
  subjectId,
  completedAt: "2026-03-01T00:00:00.000Z",
  revoked: false,
  reissueAllowed: false,
  ...over,
});

describe("moduleEligibility", () => {
  it("needs every lesson mastered and every practice completed", () => {
    const all = progress(
      [
        ["a", passed("2026-03-01T01:00:00.000Z")],
        ["b", passed("2026-03-03T01:00:00.000Z")],
      ],
      [["p", passed("2026-03-02T01:00:00.000Z")]],
    );
    expect(moduleEligibility(module, all)).toEqual({ eligible: true, moduleId: module.id, completedAt: "2026-03-03T01:00:00.000Z" });
  });

  it("names what is left: lessons not mastered, practice not completed", () => {
    const some = progress([
      ["a", passed("2026-03-01T01:00:00.000Z")],
      ["b", failed],
    ]);
    expect(moduleEligibility(module, some)).toEqual({
      eligible: false,
      moduleId: module.id,
      reason: "incomplete",
      lessonsLeft: ["b"],
      practicesLeft: ["p"],
    });
  });

  it("counts a practice completed only when it passed, and ignores items of other modules", () => {
    const practiceFailed = progress(
      [
        ["a", passed("2026-03-01T00:00:00.000Z")],
        ["b", passed("2026-03-01T00:00:00.000Z")],
        ["zzz", passed("2026-03-09T00:00:00.000Z")],
      ],
      [["p", failed]],
    );
    expect(moduleEligibility(module, practiceFailed)).toMatchObject({ eligible: false, lessonsLeft: [], practicesLeft: ["p"] });
  });

  it("certifies a module without practice on its lessons alone, and never an empty module", () => {
    const noPractice = { id: "m", lessonIds: ["a"], practiceIds: [] };
    expect(moduleEligibility(noPractice, progress([["a", passed("2026-03-01T00:00:00.000Z")]]))).toMatchObject({ eligible: true });
    expect(moduleEligibility({ id: "m", lessonIds: [], practiceIds: [] }, progress([]))).toMatchObject({
      eligible: false,
      reason: "empty",
    });
  });
});

describe("programmeEligibility", () => {
  const programme = { id: "basic-digital-skills", coreModules: ["m1", "m2"] };

  it("needs a valid certificate for every core module; the date is the last of them", () => {
    expect(programmeEligibility(programme, [cert("m1"), cert("m2", { completedAt: "2026-04-01T00:00:00.000Z" })])).toEqual({
      eligible: true,
      completedAt: "2026-04-01T00:00:00.000Z",
    });
  });

  it("does not count revoked certificates, other modules or the programme itself", () => {
    expect(programmeEligibility(programme, [cert("m1"), cert("m2", { revoked: true }), cert("m3")])).toEqual({
      eligible: false,
      reason: "incomplete",
      modulesLeft: ["m2"],
    });
    expect(programmeEligibility(programme, [cert("m1", { kind: "programme" })])).toMatchObject({ modulesLeft: ["m1", "m2"] });
    expect(programmeEligibility({ ...programme, coreModules: [] }, [])).toMatchObject({ eligible: false, reason: "empty" });
  });
});

describe("claimDecision", () => {
  const subject = { kind: "module" as const, id: "m1" };
  const eligible = { eligible: true as const, completedAt: "2026-03-01T00:00:00.000Z" };

  it("issues to an account that qualifies", () => {
    expect(claimDecision({ learnerKind: "account", subject, eligibility: eligible, held: [] })).toEqual({
      kind: "issue",
      completedAt: eligible.completedAt,
    });
  });

  it("asks a guest who qualifies to create an account, keeping the completion date", () => {
    expect(claimDecision({ learnerKind: "guest", subject, eligibility: eligible, held: [] })).toEqual({
      kind: "needs-account",
      completedAt: eligible.completedAt,
    });
  });

  it("never issues a second certificate for the same subject", () => {
    expect(claimDecision({ learnerKind: "account", subject, eligibility: eligible, held: [cert("m1")] })).toEqual({ kind: "held" });
    expect(claimDecision({ learnerKind: "account", subject, eligibility: { eligible: false }, held: [cert("m1")] })).toEqual({
      kind: "held",
    });
  });

  it("after a revocation, issues again only when the administrator allowed it", () => {
    expect(claimDecision({ learnerKind: "account", subject, eligibility: eligible, held: [cert("m1", { revoked: true })] })).toEqual({
      kind: "revoked",
    });
    expect(
      claimDecision({
        learnerKind: "account",
        subject,
        eligibility: eligible,
        held: [cert("m1", { revoked: true, reissueAllowed: true })],
      }),
    ).toMatchObject({ kind: "issue" });
  });

  it("refuses whoever does not qualify", () => {
    expect(claimDecision({ learnerKind: "account", subject, eligibility: { eligible: false }, held: [cert("m2")] })).toEqual({
      kind: "not-eligible",
    });
  });
});

describe("certificateOverview", () => {
  it("gives every module's and the programme's standing", () => {
    const overview = certificateOverview({
      learnerKind: "account",
      modules: [
        { id: "m1", lessonIds: ["a"], practiceIds: [] },
        { id: "m2", lessonIds: ["b"], practiceIds: [] },
      ],
      programme: { id: "basic-digital-skills", coreModules: ["m1", "m2"] },
      progress: progress([
        ["a", passed("2026-03-01T00:00:00.000Z")],
        ["b", passed("2026-03-02T00:00:00.000Z")],
      ]),
      held: [cert("m1")],
    });
    expect(overview.modules.map((m) => [m.id, m.decision.kind])).toEqual([
      ["m1", "held"],
      ["m2", "issue"],
    ]);
    // m2 is earned but not claimed yet: the programme waits for its certificate.
    expect(overview.programme).toMatchObject({ eligibility: { eligible: false, modulesLeft: ["m2"] }, decision: { kind: "not-eligible" } });
  });
});
