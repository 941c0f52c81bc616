import { createCookie, data, redirect, type Cookie } from "@remix-run/node";
import type { Unchanged } from "~/modules/http/revalidate";
import type { Contest, ContestEntry, Learner } from "#db/schema";
import { getDb } from "~/db.server";
import type { Locale } from "~/i18n/config";
import { notFound, translate } from "~/i18n/locale.server";
import { newAttemptKey, readAttemptKey } from "~/modules/access/attempt-key";
import { giveConsent } from "~/modules/accounts/consent.server";
import { refuse } from "~/modules/accounts/refuse.server";
import { getCurrentLearner, getOrCreateLearner, sessionSecret } from "~/modules/accounts/session.server";
import { issuerNames } from "~/modules/certificates/config.server";
import { getCertificateKey } from "~/modules/certificates/keys.server";
import { normalisePrintedName } from "~/modules/certificates/printed-name";
import { issueContestCertificate, listCertificates } from "~/modules/certificates/store.server";
import { getCourse } from "~/modules/content/course-instance.server";
import { readFormData } from "~/modules/http/forms";
import { isHttps } from "~/modules/http/https";
import { take } from "~/modules/limits/limits.server";
import { tooManyRequests } from "~/modules/limits/responses.server";
import { cleanName } from "~/modules/names/names";
import { parseSubmission } from "~/modules/quizzes/grade";
import { getLearnerPlace } from "~/modules/units/units.server";
import {
  closeExpired,
  contestUnits,
  entriesOf,
  entryQuestions,
  getContest,
  mayTakePart,
  openEntry,
  publicQuestions,
  reviewEntry,
  saveAnswers,
  standingOf,
  startEntry,
  submitEntry,
} from "./contests.server";
import { contestStatus, inTime } from "./rules";

/**
 * Taking part in a contest: the page's loader and action (routes/contest/contest.tsx). A visitor
 * needs no account (a guest learner is made when they start, as for lessons); a class contest is
 * for the class's members. Before the contest opens the page has its title and times only.
 */

const PRIVATE = { "Cache-Control": "private, no-store" };

let deviceCookie: Cookie | undefined;
/** The contests started on this device (signed, HttpOnly): a visitor who drops their guest cookie does not get a second attempt. */
function contestsCookie(): Cookie {
  deviceCookie ??= createCookie("__contests", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: 365 * 86_400,
    secrets: [sessionSecret()],
  });
  return deviceCookie;
}

async function contestsOnDevice(request: Request): Promise<string[]> {
  const header = request.headers.get("Cookie");
  if (!header?.includes("__contests=")) return [];
  const value: unknown = await contestsCookie().parse(header);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

export async function findContest(contestId: string | undefined): Promise<Contest> {
  const contest = await getContest(await getDb(), contestId ?? "");
  if (!contest) notFound();
  return contest;
}

/** A class contest is not seen by anyone outside the class (a visitor is asked to log in). */
async function guardAudience(request: Request, contest: Contest, learner: Learner | null): Promise<void> {
  if (await mayTakePart(await getDb(), contest, learner)) return;
  refuse(request, { signedIn: !!learner });
}

export async function loadContestPage(request: Request, locale: Locale, contestId: string | undefined) {
  const contest = await findContest(contestId);
  const db = await getDb();
  const learner = await getCurrentLearner(request);
  await guardAudience(request, contest, learner);
  const now = new Date();
  const status = contestStatus(contest, now);
  const entries = learner ? await entriesOf(db, contest.id, learner.id) : [];
  const current = status === "upcoming" ? undefined : openEntry(entries, now);
  const usedOnDevice = !learner && (await contestsOnDevice(request)).includes(contest.id);
  const attemptsLeft = usedOnDevice ? 0 : Math.max(0, contest.attempts_allowed - entries.length);
  const place = learner ? await getLearnerPlace(db, learner.id) : null;
  const units = status === "open" && !current && attemptsLeft > 0 ? await contestUnits(db, contest) : [];
  const course = current ? await getCourse() : null;
  return data(
    {
      locale,
      contest: {
        id: contest.id,
        title: contest.title,
        rules: contest.rules,
        opensAt: contest.opens_at,
        closesAt: contest.closes_at,
        minutes: contest.minutes,
        attemptsAllowed: contest.attempts_allowed,
        questionCount: contest.question_count,
        forClass: !!contest.class_id,
      },
      status,
      now: now.toISOString(),
      attemptsLeft,
      finished: entries.some((e) => e.submitted_at || !inTime(e.deadline_at, now)),
      // Start form: who is taking part.
      start: {
        needsName: !learner?.display_name,
        units: units.map((u) => ({ code: u.code, name: u.name, level: u.level })),
        unitCode: place?.unitCode ?? null,
      },
      // The attempt under way: its questions without answers, what was saved, its deadline.
      attempt:
        current && course
          ? {
              deadline: current.deadline_at,
              questions: publicQuestions(entryQuestions(course, contest, current, locale)),
              answers: JSON.parse(current.answers) as Record<string, string[]>,
              attemptKey: newAttemptKey(),
            }
          : null,
    },
    { headers: PRIVATE },
  );
}

export type StartFailure = {
  intent: "start";
  errors: { name?: string; unitCode?: string; form?: string };
  values: { name: string; unitCode: string };
};
export type AnswerFailure = { intent: "save" | "submit"; error: "tampered" | "late" | "notStarted"; answers?: Record<string, string[]> };
/** Saved: nothing else on the page changed, so it is not reloaded (`Unchanged`). */
export type SaveSuccess = { intent: "save"; savedAt: string } & Unchanged;

export async function contestAction(request: Request, locale: Locale, contestId: string | undefined, clientAddress: string) {
  const contest = await findContest(contestId);
  const db = await getDb();
  const current = await getCurrentLearner(request);
  if (contest.class_id && !(await mayTakePart(db, contest, current))) throw new Response(null, { status: 404 });
  const form = await readFormData(request);
  const intent = form.get("intent");
  const page = `/${locale}/contests/${contest.id}`;
  const now = new Date();

  if (intent === "start") {
    const allowed = await take(db, [
      ["contestStartAddress", [clientAddress]],
      ...(current ? ([["contestStartLearner", [current.id]]] as const) : []),
    ]);
    if (!allowed.ok) tooManyRequests(allowed.retryAfterSeconds);
    const values = { name: String(form.get("name") ?? "").slice(0, 200), unitCode: String(form.get("unitCode") ?? "") };
    const errors: StartFailure["errors"] = {};
    const status = contestStatus(contest, now);
    if (status !== "open") errors.form = status === "upcoming" ? "notOpen" : "closed";
    let name = current?.display_name ?? "";
    if (!current?.display_name) {
      const cleaned = cleanName(form.get("name"));
      if (cleaned.ok) name = cleaned.name;
      else errors.name = cleaned.error;
    }
    let unitCode: string | null = null;
    if (contest.unit_code) {
      const units = await contestUnits(db, contest);
      const chosen = units.find((u) => u.code === values.unitCode && u.level !== "province");
      if (!chosen) errors.unitCode = "unit";
      else unitCode = chosen.code;
    } else if (current) unitCode = (await getLearnerPlace(db, current.id)).unitCode;
    if (!current && (await contestsOnDevice(request)).includes(contest.id)) errors.form = "used";
    if (Object.keys(errors).length) return data<StartFailure>({ intent: "start", errors, values }, { status: 400, headers: PRIVATE });

    const { learner, setCookie } = await getOrCreateLearner(request);
    const started = await startEntry(db, {
      course: await getCourse(),
      contest,
      learnerId: learner.id,
      name,
      unitCode,
      classId: contest.class_id ?? (await latestClassOf(learner.id)),
      locale,
      now,
    });
    if (!started.ok)
      return data<StartFailure>({ intent: "start", errors: { form: started.error }, values }, { status: 400, headers: PRIVATE });
    if (form.get("showName") === "yes") await giveConsent(db, { learnerId: learner.id, purpose: "leaderboard", now });
    const headers = new Headers(PRIVATE);
    if (setCookie) headers.append("Set-Cookie", setCookie);
    if (learner.kind === "guest") {
      const taken = [contest.id, ...(await contestsOnDevice(request)).filter((id) => id !== contest.id)].slice(0, 20);
      headers.append("Set-Cookie", await contestsCookie().serialize(taken, { secure: isHttps(request) }));
    }
    return redirect(`${page}#contest-form`, { headers });
  }

  if (intent !== "save" && intent !== "submit") throw new Response(null, { status: 400 });
  if (!current) throw new Response(null, { status: 404 });
  const entries = await entriesOf(db, contest.id, current.id);
  const entry: ContestEntry | undefined = entries.find((e) => !e.submitted_at) ?? entries.at(-1);
  if (!entry) return data<AnswerFailure>({ intent, error: "notStarted" }, { status: 400, headers: PRIVATE });
  if (entry.submitted_at) {
    // Sent again after it was handed in (a double tap, a resent form): the result page says what counts.
    return redirect(`${page}/result#score`, { headers: PRIVATE });
  }
  const questions = entryQuestions(await getCourse(), contest, entry, locale);
  const posted = [...form.entries()].filter(([name]) => name !== "intent");
  const parsed = parseSubmission(questions, posted);
  const answers = parsed.answers;
  if (!parsed.ok && parsed.error === "tampered")
    return data<AnswerFailure>({ intent, error: "tampered", answers }, { status: 400, headers: PRIVATE });
  const key = readAttemptKey(form.entries());
  if (key === "invalid") return data<AnswerFailure>({ intent, error: "tampered", answers }, { status: 400, headers: PRIVATE });

  if (intent === "save") {
    const saved = await saveAnswers(db, { entry, answers, now });
    if (saved.ok) return data<SaveSuccess>({ intent: "save", savedAt: now.toISOString(), unchanged: true }, { headers: PRIVATE });
    if (saved.error === "submitted") return redirect(`${page}/result#score`, { headers: PRIVATE });
    // Too late to save: the attempt is closed with what was saved in time.
    await submitEntry(db, { entry, questions, answers, idempotencyKey: key, now });
    return redirect(`${page}/result?late=1#score`, { headers: PRIVATE });
  }
  const result = await submitEntry(db, { entry, questions, answers, idempotencyKey: key, now });
  if (!result.ok && result.error === "late") return redirect(`${page}/result?late=1#score`, { headers: PRIVATE });
  return redirect(`${page}/result#score`, { headers: PRIVATE });
}

/** The class a participant of a unit contest belongs to now (their latest class joined), for the class leaderboard. */
async function latestClassOf(learnerId: string): Promise<string | null> {
  const row = await (
    await getDb()
  )
    .selectFrom("class_members")
    .select("class_id")
    .where("learner_id", "=", learnerId)
    .where("left_at", "is", null)
    .orderBy("joined_at", "desc")
    .executeTakeFirst();
  return row?.class_id ?? null;
}

/**
 * A participant's own result. Before the contest closes: when it was handed in and the time
 * taken, nothing about right answers; after: score, rank and each question explained.
 */
export async function loadOwnResult(request: Request, locale: Locale, contestId: string | undefined) {
  const contest = await findContest(contestId);
  const db = await getDb();
  const learner = await getCurrentLearner(request);
  if (!learner) refuse(request, { signedIn: false });
  const now = new Date();
  const course = await getCourse();
  // An attempt whose time ran out without being handed in is closed now, with what was saved in time.
  await closeExpired(db, course, contest, now);
  const entries = (await entriesOf(db, contest.id, learner.id)).filter((e) => e.submitted_at);
  if (!entries.length) refuse(request, { signedIn: true });
  const closed = contestStatus(contest, now) === "closed";
  const entry = closed
    ? ([...entries].sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || (a.duration_ms ?? 0) - (b.duration_ms ?? 0))[0] ?? entries.at(-1)!)
    : entries.at(-1)!;
  const saved = Object.keys(JSON.parse(entry.answers) as object).length;
  return data(
    {
      locale,
      contest: {
        id: contest.id,
        title: contest.title,
        closesAt: contest.closes_at,
        attemptsLeft: Math.max(0, contest.attempts_allowed - entries.length),
      },
      closed,
      entry: {
        submittedAt: entry.submitted_at!,
        late: entry.late === 1,
        durationMs: entry.duration_ms ?? 0,
        answered: saved,
        total: entry.total_count,
        // Only once the contest is over: the score, the rank and the explanations.
        score: closed ? entry.score : null,
        correctCount: closed ? entry.correct_count : null,
      },
      standing: closed ? await standingOf(db, contest, learner.id) : null,
      // Once closed: the certificate held, or the name to print (accounts only, as for courses).
      certificate: closed
        ? { code: await contestCertificateOf(learner.id, contest.id), isAccount: learner.kind === "account", name: entry.display_name }
        : null,
      review: closed ? reviewEntry(entryQuestions(course, contest, entry, locale), entry) : null,
    },
    { headers: PRIVATE },
  );
}

/** Prizes: the three best (score, then time) once the contest has closed. */
export const PRIZES = 3;

/**
 * Issues the participant's certificate once the contest has closed: of participation, or of a
 * prize for the three best, through the certificates' own signing (kind "contest"). An account
 * is needed, as for course certificates: a visitor is asked to sign up (their attempt moves with them).
 */
export async function contestCertificateAction(request: Request, locale: Locale, contestId: string | undefined) {
  const contest = await findContest(contestId);
  const db = await getDb();
  const learner = await getCurrentLearner(request);
  if (!learner) throw new Response(null, { status: 404 });
  const entries = (await entriesOf(db, contest.id, learner.id)).filter((e) => e.submitted_at);
  if (!entries.length) throw new Response(null, { status: 404 });
  const form = await readFormData(request);
  if (form.get("intent") !== "certificate") throw new Response(null, { status: 400 });
  if (contestStatus(contest, new Date()) !== "closed" || learner.kind !== "account")
    return data({ certificateError: "notYet" as const, printedName: "" }, { status: 400, headers: PRIVATE });
  const name = normalisePrintedName(form.get("printedName"));
  if (!name.ok)
    return data(
      { certificateError: name.error, printedName: String(form.get("printedName") ?? "").slice(0, 200) },
      { status: 400, headers: PRIVATE },
    );
  const standing = await standingOf(db, contest, learner.id);
  const prize = standing && standing.rank <= PRIZES ? standing.rank : null;
  const titles = Object.fromEntries(
    (["vi", "en"] as const).map((l) => [
      l,
      prize ? translate(l, "contests:certificate.prizeTitle", { title: contest.title, rank: prize }) : contest.title,
    ]),
  );
  const certificate = await issueContestCertificate(
    db,
    { learnerId: learner.id, contestId: contest.id, titles, printedName: name.name, locale, completedAt: entries.at(-1)!.submitted_at! },
    { signer: getCertificateKey(), issuer: issuerNames() },
  );
  return redirect(`/${locale}/certificates/${certificate.code}#main`, { headers: PRIVATE });
}

/** The participant's contest certificate in force, if any. */
export async function contestCertificateOf(learnerId: string, contestId: string): Promise<string | null> {
  const held = await listCertificates(await getDb(), { learnerId });
  return held.find((c) => c.kind === "contest" && c.subjectId === contestId && !c.revoked)?.code ?? null;
}
