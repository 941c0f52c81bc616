import { randomUUID } from "node:crypto";
import { certificatePdfCache } from "./pdf-cache";
import type { Database } from "#db/client";
import { liveKind, type Certificate } from "#db/schema";
import { getLearnerProgress } from "~/modules/progress/progress.server";
import { generateCode, type RandomBytes } from "./code";
import {
  claimDecision,
  moduleEligibility,
  programmeEligibility,
  type CertificateKind,
  type IssuedKind,
  type HeldCertificate,
  type ModuleRequirement,
  type ProgrammeRequirement,
} from "./eligibility";
import { signCertificate, type CertificateClaims, type Signer } from "./signing";
import { certificateDate } from "./time";

export interface CertificateRecord {
  id: string;
  code: string;
  learnerId: string;
  kind: IssuedKind;
  subjectId: string;
  printedName: string;
  /** What was completed, per locale, as it was called when the certificate was issued. */
  titles: Record<string, string>;
  locale: string;
  completedAt: string;
  issuedAt: string;
  issuer: { vi: string; en: string };
  token: string;
  keyId: string;
  revoked: { at: string; reason: string; by: string | null } | null;
  reissueAllowed: boolean;
  /** Its bit in the public revocation list; null only for rows written by other means (demo data). */
  statusIndex: number | null;
}

function toRecord(row: Certificate): CertificateRecord {
  return {
    id: row.id,
    code: row.code,
    learnerId: row.learner_id,
    kind: row.kind,
    subjectId: row.subject_id,
    printedName: row.printed_name,
    titles: JSON.parse(row.titles) as Record<string, string>,
    locale: row.locale,
    completedAt: row.completed_at,
    issuedAt: row.issued_at,
    issuer: { vi: row.issuer_name, en: row.issuer_name_en },
    token: row.token,
    keyId: row.key_id,
    revoked: row.revoked_at ? { at: row.revoked_at, reason: row.revoked_reason ?? "", by: row.revoked_by } : null,
    reissueAllowed: Number(row.reissue_allowed) === 1,
    statusIndex: row.status_index === null || row.status_index === undefined ? null : Number(row.status_index),
  };
}

/** The claims a certificate's QR code carries, signed. */
export function claimsOf(
  c: Pick<CertificateRecord, "code" | "printedName" | "kind" | "subjectId" | "completedAt" | "issuer">,
): CertificateClaims {
  return { v: 1, c: c.code, n: c.printedName, k: c.kind, s: c.subjectId, d: certificateDate(c.completedAt), i: c.issuer.vi };
}

export function held(records: readonly CertificateRecord[]): HeldCertificate[] {
  return records.map((c) => ({
    kind: c.kind,
    subjectId: c.subjectId,
    completedAt: c.completedAt,
    revoked: c.revoked !== null,
    reissueAllowed: c.reissueAllowed,
  }));
}

/** A learner's certificates, newest first (revoked ones too: the learner should see what happened). */
export async function listCertificates(
  db: Pick<Database, "selectFrom">,
  { learnerId }: { learnerId: string },
): Promise<CertificateRecord[]> {
  const rows = await db.selectFrom("certificates").selectAll().where("learner_id", "=", learnerId).orderBy("issued_at", "desc").execute();
  return rows.map(toRecord);
}

/** Any certificate by its code (canonical form): for verification and administrators. */
export async function findCertificate(db: Database, { code }: { code: string }): Promise<CertificateRecord | null> {
  const row = await db.selectFrom("certificates").selectAll().where("code", "=", code).executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** A certificate only if it belongs to this learner: someone else's is the same as none. */
export async function findOwnCertificate(
  db: Database,
  { learnerId, code }: { learnerId: string; code: string },
): Promise<CertificateRecord | null> {
  const row = await db
    .selectFrom("certificates")
    .selectAll()
    .where("code", "=", code)
    .where("learner_id", "=", learnerId)
    .executeTakeFirst();
  return row ? toRecord(row) : null;
}

export async function recentCertificates(
  db: Database,
  { limit = 20 }: { limit?: number } = {},
): Promise<(CertificateRecord & { login: string | null })[]> {
  const rows = await db
    .selectFrom("certificates")
    .innerJoin("learners", "learners.id", "certificates.learner_id")
    .selectAll("certificates")
    .select("learners.username")
    .orderBy("certificates.issued_at", "desc")
    .limit(limit)
    .execute();
  return rows.map(({ username, ...row }) => ({ ...toRecord(row), login: username }));
}

/** A module as certificates need it: what must be done, and what it is called in each locale. */
export interface CertifiableModule extends ModuleRequirement {
  titles: Record<string, string>;
}

export interface CertifiableProgramme extends ProgrammeRequirement {
  titles: Record<string, string>;
}

export interface IssueContext {
  modules: readonly CertifiableModule[];
  programme: CertifiableProgramme | null;
  signer: Signer;
  issuer: { vi: string; en: string };
  now?: Date;
  random?: RandomBytes;
}

export type ClaimResult =
  | { ok: true; certificate: CertificateRecord; created: boolean }
  | { ok: false; reason: "unknown-subject" | "not-eligible" | "needs-account" | "revoked" };

const isUniqueViolation = (error: unknown) => /unique|duplicate/i.test(String((error as Error)?.message));

/**
 * Issues a certificate to a learner who qualifies, or returns the one they already hold. The
 * rules are checked against the database inside the transaction that writes, and a partial unique
 * index makes two claims at once end with one certificate.
 */
export async function claimCertificate(
  db: Database,
  input: { learnerId: string; subject: { kind: CertificateKind; id: string }; printedName: string; locale: string },
  ctx: IssueContext,
): Promise<ClaimResult> {
  const module = input.subject.kind === "module" ? ctx.modules.find((m) => m.id === input.subject.id) : undefined;
  const programme = input.subject.kind === "programme" && ctx.programme?.id === input.subject.id ? ctx.programme : undefined;
  if (!module && !programme) return { ok: false, reason: "unknown-subject" };
  const printedName = input.printedName.normalize("NFC");

  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await db.transaction().execute(async (trx): Promise<ClaimResult> => {
        const learner = await trx.selectFrom("learners").select(["id", "kind"]).where("id", "=", input.learnerId).executeTakeFirst();
        if (!learner) return { ok: false, reason: "not-eligible" };
        const mine = await listCertificates(trx, { learnerId: learner.id });
        const holding = held(mine);
        const eligibility = module
          ? moduleEligibility(module, await getLearnerProgress(trx, { learnerId: learner.id }))
          : programmeEligibility(programme!, holding);
        const decision = claimDecision({ learnerKind: liveKind(learner.kind), subject: input.subject, eligibility, held: holding });
        if (decision.kind === "held") {
          const current = mine.find((c) => c.kind === input.subject.kind && c.subjectId === input.subject.id && !c.revoked)!;
          return { ok: true, certificate: current, created: false };
        }
        if (decision.kind !== "issue") return { ok: false, reason: decision.kind };

        const now = (ctx.now ?? new Date()).toISOString();
        const base = {
          code: generateCode(ctx.random),
          printedName,
          kind: input.subject.kind,
          subjectId: input.subject.id,
          completedAt: decision.completedAt,
          issuer: ctx.issuer,
        };
        const token = signCertificate(claimsOf(base), ctx.signer);
        const statusIndex = await nextStatusIndex(trx);
        const row: Certificate = {
          id: randomUUID(),
          code: base.code,
          learner_id: learner.id,
          kind: base.kind,
          subject_id: base.subjectId,
          printed_name: printedName,
          titles: JSON.stringify((module ?? programme)!.titles),
          locale: input.locale,
          completed_at: base.completedAt,
          issued_at: now,
          issuer_name: ctx.issuer.vi,
          issuer_name_en: ctx.issuer.en,
          token,
          key_id: ctx.signer.kid,
          revoked_at: null,
          revoked_reason: null,
          revoked_by: null,
          reissue_allowed: 0,
          status_index: statusIndex,
        };
        await trx.insertInto("certificates").values(row).execute();
        return { ok: true, certificate: toRecord(row), created: true };
      });
    } catch (error) {
      // Another claim for the same subject won the race (or, once in 2^70, a code was taken): look again.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new Error("could not issue a certificate after 3 tries");
}

/**
 * A contest's certificate of participation or prize (issue 16): the same code, signature, QR code
 * and revocation list as a course certificate, with its own kind ("contest"), so it is never read
 * as one. The contest module decides who may have it and what it says (`titles`: the contest's
 * name, with the prize when there is one); one in force per learner and contest, as for courses.
 */
export async function issueContestCertificate(
  db: Database,
  input: { learnerId: string; contestId: string; titles: Record<string, string>; printedName: string; locale: string; completedAt: string },
  ctx: Pick<IssueContext, "issuer" | "signer" | "random" | "now">,
): Promise<CertificateRecord> {
  const printedName = input.printedName.normalize("NFC");
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await db.transaction().execute(async (trx) => {
        const current = (await listCertificates(trx, { learnerId: input.learnerId })).find(
          (c) => c.kind === "contest" && c.subjectId === input.contestId && !c.revoked,
        );
        if (current) return current;
        const base = {
          code: generateCode(ctx.random),
          printedName,
          kind: "contest" as const,
          subjectId: input.contestId,
          completedAt: input.completedAt,
          issuer: ctx.issuer,
        };
        const row: Certificate = {
          id: randomUUID(),
          code: base.code,
          learner_id: input.learnerId,
          kind: "contest",
          subject_id: input.contestId,
          printed_name: printedName,
          titles: JSON.stringify(input.titles),
          locale: input.locale,
          completed_at: input.completedAt,
          issued_at: (ctx.now ?? new Date()).toISOString(),
          issuer_name: ctx.issuer.vi,
          issuer_name_en: ctx.issuer.en,
          token: signCertificate(claimsOf(base), ctx.signer),
          key_id: ctx.signer.kid,
          revoked_at: null,
          revoked_reason: null,
          revoked_by: null,
          reissue_allowed: 0,
          status_index: await nextStatusIndex(trx),
        };
        await trx.insertInto("certificates").values(row).execute();
        return toRecord(row);
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new Error("could not issue a contest certificate after 3 tries");
}

/** The next free bit of the revocation list (the unique index turns a race into a retry). */
async function nextStatusIndex(db: Pick<Database, "selectFrom">): Promise<number> {
  const row = await db
    .selectFrom("certificates")
    .select((eb) => eb.fn.max("status_index").as("highest"))
    .executeTakeFirst();
  const highest = row?.highest;
  return highest === null || highest === undefined ? 0 : Number(highest) + 1;
}

/** A certificate's bit, given now if it has none yet (rows written by other means). */
export async function ensureStatusIndex(db: Database, certificate: CertificateRecord): Promise<number> {
  if (certificate.statusIndex !== null) return certificate.statusIndex;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const index = await nextStatusIndex(db);
      await db
        .updateTable("certificates")
        .set({ status_index: index })
        .where("id", "=", certificate.id)
        .where("status_index", "is", null)
        .execute();
      const row = await db.selectFrom("certificates").select("status_index").where("id", "=", certificate.id).executeTakeFirstOrThrow();
      if (row.status_index !== null) return Number(row.status_index);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new Error("could not give the certificate a status index");
}

/** The revocation list's content: the highest bit in use (-1: none yet) and the bits of revoked certificates. */
export async function revocationBits(db: Database): Promise<{ highest: number; revoked: number[] }> {
  const [top, revoked] = await Promise.all([
    db
      .selectFrom("certificates")
      .select((eb) => eb.fn.max("status_index").as("highest"))
      .executeTakeFirst(),
    db
      .selectFrom("certificates")
      .select("status_index")
      .where("revoked_at", "is not", null)
      .where("status_index", "is not", null)
      .execute(),
  ]);
  return {
    highest: top?.highest === null || top?.highest === undefined ? -1 : Number(top.highest),
    revoked: revoked.map((r) => Number(r.status_index)),
  };
}

export const REVOKE_REASON_MIN = 3;
export const REVOKE_REASON_MAX = 500;

export function normaliseReason(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  const reason = raw.normalize("NFC").replace(/\s+/g, " ").trim();
  return reason.length >= REVOKE_REASON_MIN && reason.length <= REVOKE_REASON_MAX ? reason : null;
}

export type RevokeResult =
  { ok: true; certificate: CertificateRecord; alsoRevoked: CertificateRecord[] } | { ok: false; reason: "unknown" | "already-revoked" };

/** The programme's core modules, when the course defines that programme (null: not known). */
export type CoreModulesOf = (programmeId: string) => readonly string[] | null;

/**
 * The in-force programme certificates that stand on a module certificate: the same learner's,
 * for a programme whose core modules include that module (every programme certificate when the
 * programme is not known, to be safe).
 */
export async function dependentCertificates(
  db: Pick<Database, "selectFrom">,
  certificate: Pick<CertificateRecord, "kind" | "learnerId" | "subjectId">,
  coreModulesOf: CoreModulesOf = () => null,
): Promise<CertificateRecord[]> {
  if (certificate.kind !== "module") return [];
  const programmes = await db
    .selectFrom("certificates")
    .selectAll()
    .where("learner_id", "=", certificate.learnerId)
    .where("kind", "=", "programme")
    .where("revoked_at", "is", null)
    .execute();
  return programmes.map(toRecord).filter((p) => coreModulesOf(p.subjectId)?.includes(certificate.subjectId) ?? true);
}

/**
 * Revokes a certificate for good, with the reason and who did it; verification then says so.
 * Revoking a module certificate also revokes the programme certificate issued on it (in the same
 * transaction): the learner may claim that one again once they hold the module again.
 */
export async function revokeCertificate(
  db: Database,
  input: { code: string; reason: string; by: string | null; allowReissue?: boolean; now?: Date; coreModulesOf?: CoreModulesOf },
): Promise<RevokeResult> {
  const at = (input.now ?? new Date()).toISOString();
  const outcome = await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("certificates")
      .set({ revoked_at: at, revoked_reason: input.reason, revoked_by: input.by, reissue_allowed: input.allowReissue ? 1 : 0 })
      .where("code", "=", input.code)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return { revoked: false, also: [] as string[] };
    const revoked = await trx.selectFrom("certificates").selectAll().where("code", "=", input.code).executeTakeFirstOrThrow();
    const dependents = await dependentCertificates(trx, toRecord(revoked), input.coreModulesOf);
    for (const d of dependents) {
      await trx
        .updateTable("certificates")
        // It may be claimed again as soon as its modules are held again: the module's own rule decides.
        .set({ revoked_at: at, revoked_reason: `${input.code}: ${input.reason}`, revoked_by: input.by, reissue_allowed: 1 })
        .where("id", "=", d.id)
        .where("revoked_at", "is", null)
        .execute();
    }
    return { revoked: true, also: dependents.map((d) => d.code) };
  });
  const certificate = await findCertificate(db, { code: input.code });
  if (!certificate) return { ok: false, reason: "unknown" };
  if (!outcome.revoked) return { ok: false, reason: "already-revoked" };
  const alsoRevoked: CertificateRecord[] = [];
  for (const code of outcome.also) {
    certificatePdfCache.forget(code);
    const c = await findCertificate(db, { code });
    if (c) alsoRevoked.push(c);
  }
  certificatePdfCache.forget(input.code);
  return { ok: true, certificate, alsoRevoked };
}
