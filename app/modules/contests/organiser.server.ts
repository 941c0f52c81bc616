import { siteOrigin } from "~/modules/http/public-url.server";
import { data, redirect } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { parse as parseYaml } from "yaml";
import { getDb } from "~/db.server";
import type { Locale } from "~/i18n/config";
import { notFound, requireLocale } from "~/i18n/locale.server";
import { serverI18n } from "~/i18n/strings.server";
import { requireOwnedClass } from "~/modules/classes/access.server";
import { getCourse } from "~/modules/content/course-instance.server";
import { readFormData } from "~/modules/http/forms";
import { requireOfficialOf } from "~/modules/units/scope.server";
import {
  closeExpired,
  contestBoards,
  createContest,
  finishedEntries,
  getOrganisedContest,
  lessonPool,
  listContests,
  type Organiser,
} from "./contests.server";
import { contestXlsxStream } from "./export.server";
import { checkContestInput, checkOwnQuestions, CONTEST_FORM_FIELDS, contestStatus, type ContestErrors, type OwnQuestions } from "./rules";

/**
 * The organiser's side: an official for their unit (under /report/<unit>/contests) or an
 * instructor for their class (under /teach/classes/<class>/contests). Both reach only their own
 * contests; anyone else's is a 404, as is every contest to anyone who is not its organiser.
 */

export type OrganiserKind = "unit" | "class";

const PRIVATE = { "Cache-Control": "private, no-store" };

async function requireOrganiser(
  request: Request,
  params: Params,
  kind: OrganiserKind,
): Promise<{ locale: Locale; organiser: Organiser; base: string; learnerId: string }> {
  const locale = requireLocale(params);
  if (kind === "unit") {
    const { learner, unit } = await requireOfficialOf(request, params.unitCode);
    return { locale, organiser: { kind: "unit", unit }, base: `/${locale}/report/${unit.code}/contests`, learnerId: learner.id };
  }
  const { instructor, klass } = await requireOwnedClass(request, params);
  return { locale, organiser: { kind: "class", klass }, base: `/${locale}/teach/classes/${klass.id}/contests`, learnerId: instructor.id };
}

const organiserName = (organiser: Organiser) => (organiser.kind === "unit" ? organiser.unit.name : organiser.klass.name);

export async function loadContestList(request: Request, params: Params, kind: OrganiserKind) {
  const { locale, organiser, base } = await requireOrganiser(request, params, kind);
  const course = await getCourse();
  const contests = await listContests(await getDb(), organiser);
  const now = new Date();
  return data(
    {
      locale,
      base,
      kind,
      organiserName: organiserName(organiser),
      back: kind === "unit" ? `/${locale}/report/${params.unitCode}` : `/${locale}/teach/classes/${params.classId}`,
      modules: course.modules(locale).map((m) => ({ id: m.id, title: m.title, questions: lessonPool(course, [m.id]).length })),
      contests: contests.map((c) => ({
        id: c.id,
        title: c.title,
        opensAt: c.opens_at,
        closesAt: c.closes_at,
        status: contestStatus(c, now),
        participants: c.participants,
      })),
    },
    { headers: PRIVATE },
  );
}

export type CreateFailure = { errors: ContestErrors; problems: string[]; values: Record<string, string | string[]> };

/** Reads the organiser's form, checks everything (the questions with the lesson quiz schema) before writing anything. */
export async function createContestAction(request: Request, params: Params, kind: OrganiserKind) {
  const { organiser, base, learnerId } = await requireOrganiser(request, params, kind);
  const form = await readFormData(request);
  const raw: Record<string, string | string[]> = {};
  for (const field of CONTEST_FORM_FIELDS) {
    if (field === "moduleIds") continue;
    const value = form.get(field);
    raw[field] = typeof value === "string" ? value.slice(0, field === "ownQuestions" ? 60_000 : 2_000) : "";
  }
  raw.moduleIds = form.getAll("moduleIds").filter((v): v is string => typeof v === "string");
  const course = await getCourse();
  let own: OwnQuestions | null = null;
  let problems: string[] = [];
  const ownText = String(raw.ownQuestions).trim();
  const errors: ContestErrors = {};
  if (ownText) {
    let parsed: unknown;
    try {
      parsed = parseYaml(ownText);
    } catch (error) {
      problems = [String((error as Error).message).split("\n")[0]!];
    }
    if (!problems.length) {
      const checked = checkOwnQuestions(parsed);
      if (checked.ok) own = checked.questions;
      else problems = checked.problems.slice(0, 10);
    }
    if (problems.length) errors.questions = "questions";
  }
  const checked = checkContestInput(
    raw,
    { knownModules: course.modules("vi").map((m) => m.id), ownQuestionCount: own?.vi.questions.length ?? 0, now: new Date() },
    (ids) => lessonPool(course, ids).length,
  );
  if (!checked.ok || errors.questions)
    return data<CreateFailure>(
      { errors: { ...(checked.ok ? {} : checked.errors), ...errors }, problems, values: raw },
      { status: 400, headers: PRIVATE },
    );
  const id = await createContest(await getDb(), { organiser, ownerId: learnerId, input: checked.input, ownQuestions: own });
  return redirect(`${base}/${id}?created=1`, { headers: PRIVATE });
}

async function organisedContest(request: Request, params: Params, kind: OrganiserKind) {
  const scope = await requireOrganiser(request, params, kind);
  const db = await getDb();
  const contest = await getOrganisedContest(db, scope.organiser, params.contestId ?? "");
  if (!contest) notFound();
  const now = new Date();
  await closeExpired(db, await getCourse(), contest, now);
  const entries = await finishedEntries(db, contest);
  const started = await db
    .selectFrom("contest_entries")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("contest_id", "=", contest.id)
    .executeTakeFirstOrThrow();
  return { ...scope, db, contest, entries, now, started: Number(started.n), boards: await contestBoards(db, contest, entries) };
}

/** The organiser's results: figures, leaderboards by commune, village and class, the top list (names with consent). */
export async function loadContestResults(request: Request, params: Params, kind: OrganiserKind) {
  const { locale, base, organiser, contest, boards, now, started } = await organisedContest(request, params, kind);
  return data(
    {
      locale,
      base,
      kind,
      organiserName: organiserName(organiser),
      contest: { id: contest.id, title: contest.title, opensAt: contest.opens_at, closesAt: contest.closes_at, minutes: contest.minutes },
      // The address to send people, in full (PUBLIC_URL), as on posters and cards.
      pageUrl: `${siteOrigin()}/${locale}/contests/${contest.id}`,
      status: contestStatus(contest, now),
      started,
      boards,
      now: now.toISOString(),
    },
    { headers: PRIVATE },
  );
}

/** The results as an XLSX workbook: one sheet per leaderboard, one for the participants (names with consent). */
export async function contestXlsxResponse(request: Request, params: Params, kind: OrganiserKind): Promise<Response> {
  const { locale, contest, boards, entries } = await organisedContest(request, params, kind);
  const { t } = serverI18n(locale);
  const name = `${
    contest.title
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D")
      .replace(/[^A-Za-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "contest"
  }.xlsx`;
  return new Response(contestXlsxStream({ contest, boards, entries, t }), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
