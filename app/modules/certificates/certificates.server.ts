import type { Learner } from "#db/schema";
import { certificatePdfCache } from "./pdf-cache";
import { getDb } from "~/db.server";
import { defaultLocale } from "~/i18n/config";
import { supportedLocales, translate } from "~/i18n/locale.server";
import type { Course } from "~/modules/content/course.server";
import { getCourse } from "~/modules/content/course-instance.server";
import { localised } from "~/modules/content/programme";
import { getLearnerProgress } from "~/modules/progress/progress.server";
import { achievementOf, issuerProfileId, openBadgeCredential, signCredentialJwt, signOpenBadge, toSeconds } from "./badge";
import { certificateLayout, issuerNames } from "./config.server";
import { loadSeal } from "./seal.server";
import { getEnv } from "~/env.server";
import { certificateDocument, formatCertificateDate, verificationUrl, type CertificateDocument } from "./document";
import { certificateOverview, type CertificateKind, type IssuedKind } from "./eligibility";
import { getCertificateKey, trustedKeys } from "./keys.server";
import { cardImage, COURSE_CARD } from "~/modules/seo/card.server";
import { encodeStatusList, statusListCredential, statusListLength } from "./status-list";
import { renderCertificatePdf, type Paper } from "./pdf.server";
import {
  claimsOf,
  ensureStatusIndex,
  findCertificate,
  revocationBits,
  held,
  listCertificates,
  type CertifiableModule,
  type CertifiableProgramme,
  type CertificateRecord,
  type CoreModulesOf,
  type IssueContext,
} from "./store.server";
import { verdict, type PublicCertificate, type Verdict } from "./verify";

/**
 * What routes call: the course, the key, the configuration and the database put together around
 * the pure rules (eligibility.ts, verify.ts) and the storage (store.server.ts).
 */

function certifiable(course: Course): { modules: CertifiableModule[]; programme: CertifiableProgramme | null } {
  const locales = supportedLocales();
  const modules = course.modules(defaultLocale).map((m) => ({
    id: m.id,
    lessonIds: m.lessons.map((l) => l.id),
    practiceIds: m.practices.map((p) => p.id),
    titles: Object.fromEntries(locales.map((l) => [l, course.module(l, m.id)?.title ?? m.title])),
  }));
  const p = course.programme;
  return { modules, programme: p ? { id: p.id, coreModules: p.coreModules, titles: p.title } : null };
}

export async function issueContext(): Promise<IssueContext> {
  const course = await getCourse();
  const key = getCertificateKey();
  return { ...certifiable(course), signer: key, issuer: issuerNames() };
}

/** Which modules the course's programme stands on, for revoking what depends on a module certificate. */
export async function coreModulesLookup(): Promise<CoreModulesOf> {
  const programme = (await getCourse()).programme;
  return (id) => (programme && programme.id === id ? programme.coreModules : null);
}

/** The subject of a claim URL: a module id, or the programme's id. */
export async function findSubject(subjectId: string): Promise<{ kind: CertificateKind; id: string; title: Record<string, string> } | null> {
  const { modules, programme } = certifiable(await getCourse());
  if (programme && subjectId === programme.id) return { kind: "programme", id: programme.id, title: programme.titles };
  const module = modules.find((m) => m.id === subjectId);
  return module ? { kind: "module", id: module.id, title: module.titles } : null;
}

export interface CertificateCard {
  code: string;
  kind: IssuedKind;
  title: string;
  completedOn: string;
  revokedOn: string | null;
  shareUrl: string;
}

export function cardOf(c: CertificateRecord, locale: string, origin: string): CertificateCard {
  return {
    code: c.code,
    kind: c.kind,
    title: localised(c.titles, locale),
    completedOn: formatCertificateDate(c.completedAt, locale),
    revokedOn: c.revoked ? formatCertificateDate(c.revoked.at, locale) : null,
    shareUrl: verificationUrl(origin, c.code),
  };
}

/** Everything "My certificates" shows for one learner (or a visitor, who has nothing yet). */
export async function myCertificates(learner: Learner | null, locale: string, origin: string) {
  const course = await getCourse();
  const { modules, programme } = certifiable(course);
  const db = await getDb();
  const [records, progress] = learner
    ? await Promise.all([listCertificates(db, { learnerId: learner.id }), getLearnerProgress(db, { learnerId: learner.id })])
    : [[], { lessons: new Map(), practices: new Map() }];
  const overview = certificateOverview({ learnerKind: learner?.kind ?? "guest", modules, programme, progress, held: held(records) });
  const titleOf = (id: string) => localised(modules.find((m) => m.id === id)?.titles ?? { vi: id }, locale);
  const ready = overview.modules.filter((m) => m.decision.kind === "issue" || m.decision.kind === "needs-account");
  const programmeStatus =
    overview.programme && programme
      ? {
          id: programme.id,
          title: localised(programme.titles, locale),
          total: programme.coreModules.length,
          done:
            programme.coreModules.length -
            (overview.programme.eligibility.eligible ? 0 : overview.programme.eligibility.modulesLeft.length),
          modulesLeft: overview.programme.eligibility.eligible
            ? []
            : overview.programme.eligibility.modulesLeft.map((id) => ({ id, title: titleOf(id) })),
          decision: overview.programme.decision.kind,
        }
      : null;
  return {
    certificates: records.map((c) => cardOf(c, locale, origin)),
    ready: ready.map((m) => ({ id: m.id, title: titleOf(m.id) })),
    revokedBlocked: overview.modules.filter((m) => m.decision.kind === "revoked").map((m) => ({ id: m.id, title: titleOf(m.id) })),
    inProgress: overview.modules
      .filter((m) => !m.eligibility.eligible && m.eligibility.reason === "incomplete" && m.decision.kind === "not-eligible")
      .map((m) => {
        const mod = modules.find((x) => x.id === m.id)!;
        const total = mod.lessonIds.length + mod.practiceIds.length;
        const left = m.eligibility.eligible ? 0 : m.eligibility.lessonsLeft.length + m.eligibility.practicesLeft.length;
        return { id: m.id, title: titleOf(m.id), done: total - left, total };
      })
      .filter((m) => m.done > 0),
    programme: programmeStatus,
  };
}

/** What stands between a learner and one certificate, for the claim page. */
export async function claimStatus(learner: Learner | null, subject: { kind: CertificateKind; id: string }, locale: string) {
  const course = await getCourse();
  const { modules, programme } = certifiable(course);
  const db = await getDb();
  const [records, progress] = learner
    ? await Promise.all([listCertificates(db, { learnerId: learner.id }), getLearnerProgress(db, { learnerId: learner.id })])
    : [[], { lessons: new Map(), practices: new Map() }];
  const overview = certificateOverview({
    learnerKind: learner?.kind ?? "guest",
    modules: modules.filter((m) => m.id === subject.id),
    programme: subject.kind === "programme" ? programme : null,
    progress,
    held: held(records),
  });
  const status = subject.kind === "programme" ? overview.programme : overview.modules[0];
  if (!status) return null;
  const existing = records.find((c) => c.kind === subject.kind && c.subjectId === subject.id && !c.revoked);
  const module = course.module(locale, subject.id);
  const e = status.eligibility;
  return {
    decision: status.decision.kind,
    existingCode: existing?.code ?? null,
    lessonsLeft: "lessonsLeft" in e ? e.lessonsLeft.map((id) => module?.lessons.find((l) => l.id === id)?.title ?? id) : [],
    practicesLeft: "practicesLeft" in e ? e.practicesLeft.map((id) => module?.practices.find((p) => p.id === id)?.title ?? id) : [],
    modulesLeft:
      "modulesLeft" in e ? e.modulesLeft.map((id) => localised(modules.find((m) => m.id === id)?.titles ?? { vi: id }, locale)) : [],
  };
}

const t = (locale: string, key: string, options?: Record<string, unknown>) => translate(locale, key, options);

/** The printable description of a certificate, in a locale, with the addresses of this deployment. */
export async function documentOf(c: CertificateRecord, locale: string, origin: string): Promise<CertificateDocument> {
  const programme = c.kind === "programme" ? (await getCourse()).programme : null;
  return certificateDocument(
    {
      code: c.code,
      kind: c.kind,
      printedName: c.printedName,
      titles: c.titles,
      descriptions: programme && programme.id === c.subjectId ? programme.description : undefined,
      completedAt: c.completedAt,
      issuedAt: c.issuedAt,
      issuer: c.issuer,
      revokedAt: c.revoked?.at ?? null,
    },
    { locale, origin, token: c.token, t, layout: certificateLayout() },
  );
}

/** The certificate's PDF, made once per code, size, locale and address (pdf-cache.ts). */
export async function certificatePdf(c: CertificateRecord, { locale, paper, origin }: { locale: string; paper: Paper; origin: string }) {
  const key = { code: c.code, paper, locale, origin, revokedAt: c.revoked?.at ?? null };
  const cached = certificatePdfCache.get(key);
  if (cached) return cached;
  const pdf = await renderCertificatePdf(await documentOf(c, locale, origin), {
    paper,
    issuedAt: c.issuedAt,
    siteName: translate(locale, "site.name"),
    seal: loadSeal(getEnv().CERT_SEAL_IMAGE),
  });
  certificatePdfCache.set(key, pdf);
  return pdf;
}

/** The course's picture for a module or the programme, as an absolute address, for badges. */
async function achievementImage(kind: IssuedKind, subjectId: string, locale: string, origin: string) {
  const card = await cardImage(locale, kind === "module" ? subjectId : COURSE_CARD);
  return card ? { url: `${origin}${card.path}`, caption: card.alt } : null;
}

/** Null for a contest's certificate: an Open Badge describes a course achievement, and a contest has no achievement page. */
export async function certificateBadge(
  c: CertificateRecord,
  { locale, origin }: { locale: string; origin: string },
): Promise<string | null> {
  if (c.kind === "contest") return null;
  const programme = c.kind === "programme" ? (await getCourse()).programme : null;
  const statusIndex = await ensureStatusIndex(await getDb(), c);
  const credential = openBadgeCredential(
    {
      certificateId: c.id,
      code: c.code,
      kind: c.kind,
      subjectId: c.subjectId,
      printedName: c.printedName,
      titles: c.titles,
      descriptions: programme && programme.id === c.subjectId ? programme.description : undefined,
      image: await achievementImage(c.kind, c.subjectId, locale, origin),
      completedAt: c.completedAt,
      issuedAt: c.issuedAt,
      issuer: c.issuer,
      statusIndex,
      locale,
    },
    { origin },
  );
  return signOpenBadge(credential, getCertificateKey(), { origin });
}

/** A module's or the programme's Achievement, as badges carry it and its address serves it. */
export async function achievementFor(kind: CertificateKind, subjectId: string, { locale, origin }: { locale: string; origin: string }) {
  const subject = await findSubject(subjectId);
  if (!subject || subject.kind !== kind) return null;
  const programme = kind === "programme" ? (await getCourse()).programme : null;
  return achievementOf(
    {
      kind,
      subjectId,
      titles: subject.title,
      descriptions: programme?.description,
      image: await achievementImage(kind, subjectId, locale, origin),
      locale,
    },
    { origin },
  );
}

/** The public revocation list, signed: a BitstringStatusListCredential as a VC-JWT, made now. */
export async function revocationListJwt({ origin, now = new Date() }: { origin: string; now?: Date }): Promise<string> {
  const { highest, revoked } = await revocationBits(await getDb());
  const credential = statusListCredential({
    origin,
    issuerId: issuerProfileId(origin),
    validFrom: toSeconds(now.toISOString()),
    encodedList: encodeStatusList(revoked, statusListLength(highest)),
  });
  return signCredentialJwt(credential, getCertificateKey(), { origin });
}

export function publicCertificate(c: CertificateRecord): PublicCertificate {
  return {
    code: c.code,
    kind: c.kind,
    subjectId: c.subjectId,
    printedName: c.printedName,
    titles: c.titles,
    completedAt: c.completedAt,
    issuedAt: c.issuedAt,
    issuer: c.issuer,
    revokedAt: c.revoked?.at ?? null,
    claims: claimsOf(c),
  };
}

/** The verification page's answer for a code and, from a QR code, its signed payload. */
export async function verifyCertificate(code: string, token: string | null): Promise<Verdict> {
  const db = await getDb();
  return verdict(
    { code, token },
    async (canonical) => {
      const found = await findCertificate(db, { code: canonical });
      return found ? publicCertificate(found) : null;
    },
    await trustedKeys(db),
  );
}
