import { randomUUID } from "node:crypto";
import type { Database } from "#db/client";
import type { Class, Contest, ContestEntry, Learner, Unit } from "#db/schema";
import type { Course } from "~/modules/content/course.server";
import type { PublicQuestion, Question } from "~/modules/content/schema";
import type { Answers } from "~/modules/quizzes/grade";
import { newSeed, orderOptions } from "~/modules/quizzes/shuffle";
import {
  answerId,
  contestStatus,
  deadlineOf,
  drawQuestions,
  inTime,
  leaderboard,
  lessonRef,
  ownRef,
  parseRef,
  rankEntries,
  scoreEntry,
  type BoardRow,
  type ContestInput,
  type OwnQuestions,
  type QuestionRef,
} from "./rules";

/**
 * Contests in the database (migration 0014). Questions come from the lesson quizzes of the
 * chosen modules and from those written for the contest, resolved in the page's language at
 * each request (ids are shared across locales); an attempt stores only which questions it drew.
 */

export type Organiser = { kind: "unit"; unit: Unit } | { kind: "class"; klass: Class };

const isUniqueViolation = (error: unknown) => /unique|duplicate/i.test(String((error as Error)?.message));

export function ownQuestionsOf(contest: Pick<Contest, "own_questions">): OwnQuestions | null {
  return contest.own_questions ? (JSON.parse(contest.own_questions) as OwnQuestions) : null;
}

export const moduleIdsOf = (contest: Pick<Contest, "module_ids">): string[] => JSON.parse(contest.module_ids) as string[];

/** Every lesson question of these modules (reference locale: ids are the same in every locale). */
export function lessonPool(course: Course, moduleIds: readonly string[]): QuestionRef[] {
  return moduleIds.flatMap((moduleId) =>
    (course.module("vi", moduleId)?.lessons ?? []).flatMap((lesson) =>
      lesson.quiz.questions.map((q) => lessonRef(moduleId, lesson.id, q.id)),
    ),
  );
}

export function questionPool(course: Course, contest: Contest): QuestionRef[] {
  const own = ownQuestionsOf(contest)?.vi.questions.map((q) => ownRef(q.id)) ?? [];
  return [...lessonPool(course, moduleIdsOf(contest)), ...own];
}

/** The full question (answers included, server only) behind a reference, in the page's language. */
function resolve(course: Course, contest: Contest, ref: QuestionRef, locale: string): Question | null {
  const parsed = parseRef(ref);
  if (!parsed) return null;
  if (parsed.kind === "own") {
    const own = ownQuestionsOf(contest);
    const quiz = own ? ((own as unknown as Record<string, OwnQuestions["vi"]>)[locale] ?? own.vi) : null;
    return quiz?.questions.find((q) => q.id === parsed.questionId) ?? null;
  }
  const lesson = course.lesson(locale, parsed.moduleId, parsed.lessonId) ?? course.lesson("vi", parsed.moduleId, parsed.lessonId);
  return lesson?.quiz.questions.find((q) => q.id === parsed.questionId) ?? null;
}

/**
 * An attempt's questions as it was shown: in the order drawn, each named by its position (q1, q2…:
 * the page never says which lesson a question comes from), options in the attempt's order.
 */
export function entryQuestions(
  course: Course,
  contest: Contest,
  entry: Pick<ContestEntry, "question_refs" | "seed">,
  locale: string,
): Question[] {
  const refs = JSON.parse(entry.question_refs) as QuestionRef[];
  const questions = refs.flatMap((ref, i) => {
    const q = resolve(course, contest, ref, locale);
    return q ? [{ ...q, id: answerId(i) }] : [];
  });
  return orderOptions(questions, entry.seed);
}

/** What the browser may see while the contest runs: prompts and option texts, nothing about answers. */
export function publicQuestions(questions: readonly Question[]): PublicQuestion[] {
  return questions.map((q) => ({ id: q.id, kind: q.kind, prompt: q.prompt, options: q.options.map((o) => ({ id: o.id, text: o.text })) }));
}

// —— Organisers ——

export async function createContest(
  db: Database,
  {
    organiser,
    ownerId,
    input,
    ownQuestions,
    now = new Date(),
  }: { organiser: Organiser; ownerId: string; input: ContestInput; ownQuestions: OwnQuestions | null; now?: Date },
): Promise<string> {
  const id = randomUUID();
  const at = now.toISOString();
  await db
    .insertInto("contests")
    .values({
      id,
      title: input.title,
      rules: input.rules,
      owner_id: ownerId,
      unit_code: organiser.kind === "unit" ? organiser.unit.code : null,
      class_id: organiser.kind === "class" ? organiser.klass.id : null,
      opens_at: input.opensAt,
      closes_at: input.closesAt,
      minutes: input.minutes,
      attempts_allowed: input.attemptsAllowed,
      question_count: input.questionCount,
      module_ids: JSON.stringify(input.moduleIds),
      own_questions: ownQuestions ? JSON.stringify(ownQuestions) : null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return id;
}

export async function listContests(db: Database, organiser: Organiser): Promise<(Contest & { participants: number })[]> {
  let query = db
    .selectFrom("contests")
    .leftJoin("contest_entries", "contest_entries.contest_id", "contests.id")
    .selectAll("contests")
    .select((eb) => eb.fn.count<number>("contest_entries.id").distinct().as("participants"))
    .groupBy("contests.id")
    .orderBy("contests.opens_at", "desc");
  query =
    organiser.kind === "unit"
      ? query.where("contests.unit_code", "=", organiser.unit.code)
      : query.where("contests.class_id", "=", organiser.klass.id);
  return (await query.execute()).map((c) => ({ ...c, participants: Number(c.participants) }));
}

/** How long a class's closed contest stays on its members' class page (to see their result). */
const CLOSED_SHOWN_DAYS = 30;

/** The contests of the learner's classes, for their class page: those not closed, or closed in the last 30 days. */
export async function contestsOfClasses(
  db: Database,
  classIds: readonly string[],
  now = new Date(),
): Promise<Pick<Contest, "id" | "class_id" | "title" | "opens_at" | "closes_at">[]> {
  if (!classIds.length) return [];
  const since = new Date(now.getTime() - CLOSED_SHOWN_DAYS * 86_400_000).toISOString();
  return db
    .selectFrom("contests")
    .select(["id", "class_id", "title", "opens_at", "closes_at"])
    .where("class_id", "in", [...classIds])
    .where("closes_at", ">=", since)
    .orderBy("opens_at", "desc")
    .execute();
}

export async function getContest(db: Database, id: string): Promise<Contest | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
  return db.selectFrom("contests").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The organiser's own contest, or undefined (a 404 for the route): another unit's or class's contest does not exist for them. */
export async function getOrganisedContest(db: Database, organiser: Organiser, id: string): Promise<Contest | undefined> {
  const contest = await getContest(db, id);
  if (!contest) return undefined;
  const mine = organiser.kind === "unit" ? contest.unit_code === organiser.unit.code : contest.class_id === organiser.klass.id;
  return mine ? contest : undefined;
}

// —— Taking part ——

/** The units a participant of a unit contest may say they are from: the unit and the units below it. */
export async function contestUnits(db: Database, contest: Contest): Promise<Unit[]> {
  if (!contest.unit_code) return [];
  return db
    .selectFrom("units")
    .selectAll()
    .where("merged_into", "is", null)
    .where((eb) =>
      eb.or([
        eb("code", "=", contest.unit_code!),
        eb("commune_code", "=", contest.unit_code!),
        eb("province_code", "=", contest.unit_code!),
      ]),
    )
    .orderBy("code")
    .limit(2000)
    .execute();
}

/** Whether a learner may take part: anyone in a unit contest, an active member in a class contest. */
export async function mayTakePart(db: Database, contest: Contest, learner: Learner | null): Promise<boolean> {
  if (!contest.class_id) return true;
  if (!learner) return false;
  const member = await db
    .selectFrom("class_members")
    .select("learner_id")
    .where("class_id", "=", contest.class_id)
    .where("learner_id", "=", learner.id)
    .where("left_at", "is", null)
    .executeTakeFirst();
  return !!member;
}

export async function entriesOf(db: Database, contestId: string, learnerId: string): Promise<ContestEntry[]> {
  return db
    .selectFrom("contest_entries")
    .selectAll()
    .where("contest_id", "=", contestId)
    .where("learner_id", "=", learnerId)
    .orderBy("attempt_no")
    .execute();
}

export async function getEntry(db: Database, contestId: string, entryId: string): Promise<ContestEntry | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(entryId)) return undefined;
  return db.selectFrom("contest_entries").selectAll().where("contest_id", "=", contestId).where("id", "=", entryId).executeTakeFirst();
}

/** The attempt under way: started, not submitted, its time not over. */
export function openEntry(entries: readonly ContestEntry[], now: Date): ContestEntry | undefined {
  return entries.find((e) => !e.submitted_at && inTime(e.deadline_at, now));
}

export type StartResult = { ok: true; entry: ContestEntry } | { ok: false; error: "notOpen" | "used" };

/**
 * Starts an attempt: draws its questions and the options' order. One attempt under way at a
 * time; no more than the contest allows (the unique index turns two starts at once into one).
 */
export async function startEntry(
  db: Database,
  {
    course,
    contest,
    learnerId,
    name,
    unitCode,
    classId,
    locale,
    now = new Date(),
  }: {
    course: Course;
    contest: Contest;
    learnerId: string;
    name: string;
    unitCode: string | null;
    classId: string | null;
    locale: string;
    now?: Date;
  },
): Promise<StartResult> {
  if (contestStatus(contest, now) !== "open") return { ok: false, error: "notOpen" };
  const entries = await entriesOf(db, contest.id, learnerId);
  const current = openEntry(entries, now);
  if (current) return { ok: true, entry: current };
  if (entries.length >= contest.attempts_allowed) return { ok: false, error: "used" };
  const seed = newSeed();
  const refs = drawQuestions(questionPool(course, contest), contest.question_count, seed);
  const entry: ContestEntry = {
    id: randomUUID(),
    contest_id: contest.id,
    learner_id: learnerId,
    attempt_no: entries.length + 1,
    display_name: name,
    unit_code: unitCode,
    class_id: classId,
    locale,
    seed,
    question_refs: JSON.stringify(refs),
    answers: "{}",
    started_at: now.toISOString(),
    deadline_at: deadlineOf(now, contest.minutes, contest.closes_at),
    submitted_at: null,
    late: 0,
    correct_count: null,
    total_count: refs.length,
    score: null,
    duration_ms: null,
    idempotency_key: null,
  };
  try {
    await db.insertInto("contest_entries").values(entry).execute();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Another start of the same learner won the race: theirs is the attempt.
    const again = openEntry(await entriesOf(db, contest.id, learnerId), now);
    return again ? { ok: true, entry: again } : { ok: false, error: "used" };
  }
  return { ok: true, entry };
}

export type SaveResult = { ok: true } | { ok: false; error: "late" | "submitted" };

/** Keeps the answers given so far (the page saves them as they are chosen), only while in time. */
export async function saveAnswers(
  db: Database,
  { entry, answers, now = new Date() }: { entry: ContestEntry; answers: Answers; now?: Date },
): Promise<SaveResult> {
  if (entry.submitted_at) return { ok: false, error: "submitted" };
  if (!inTime(entry.deadline_at, now)) return { ok: false, error: "late" };
  const updated = await db
    .updateTable("contest_entries")
    .set({ answers: JSON.stringify(answers) })
    .where("id", "=", entry.id)
    .where("submitted_at", "is", null)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1 ? { ok: true } : { ok: false, error: "submitted" };
}

export type SubmitResult = { ok: true; entryId: string; again: boolean } | { ok: false; error: "late" | "submitted"; entryId: string };

/**
 * Hands in an attempt. In time: the answers posted are graded and kept. Late: the answers posted
 * are refused, and the attempt is closed with the answers saved in time. Sent twice with the same
 * key (a double tap, a resent form): the first one counts, the second is told so.
 */
export async function submitEntry(
  db: Database,
  {
    entry,
    questions,
    answers,
    idempotencyKey,
    now = new Date(),
  }: { entry: ContestEntry; questions: readonly Question[]; answers: Answers; idempotencyKey: string | null; now?: Date },
): Promise<SubmitResult> {
  if (entry.submitted_at) {
    const same = idempotencyKey !== null && entry.idempotency_key === idempotencyKey;
    return same ? { ok: true, entryId: entry.id, again: true } : { ok: false, error: "submitted", entryId: entry.id };
  }
  if (!inTime(entry.deadline_at, now)) {
    await closeLate(db, entry, questions);
    return { ok: false, error: "late", entryId: entry.id };
  }
  const score = scoreEntry(questions, answers);
  const updated = await db
    .updateTable("contest_entries")
    .set({
      answers: JSON.stringify(answers),
      submitted_at: now.toISOString(),
      correct_count: score.correctCount,
      score: score.score,
      duration_ms: now.getTime() - Date.parse(entry.started_at),
      idempotency_key: idempotencyKey,
    })
    .where("id", "=", entry.id)
    .where("submitted_at", "is", null)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 1) return { ok: true, entryId: entry.id, again: false };
  // Another request handed it in first (the same form sent twice at once).
  const now2 = await db.selectFrom("contest_entries").select("idempotency_key").where("id", "=", entry.id).executeTakeFirstOrThrow();
  return idempotencyKey !== null && now2.idempotency_key === idempotencyKey
    ? { ok: true, entryId: entry.id, again: true }
    : { ok: false, error: "submitted", entryId: entry.id };
}

/** Closes an attempt whose time is over with the answers saved in time; its time taken is the time allowed. */
async function closeLate(db: Database, entry: ContestEntry, questions: readonly Question[]): Promise<void> {
  const saved = JSON.parse(entry.answers) as Answers;
  const score = scoreEntry(questions, saved);
  await db
    .updateTable("contest_entries")
    .set({
      submitted_at: entry.deadline_at,
      late: 1,
      correct_count: score.correctCount,
      score: score.score,
      duration_ms: Date.parse(entry.deadline_at) - Date.parse(entry.started_at),
    })
    .where("id", "=", entry.id)
    .where("submitted_at", "is", null)
    .execute();
}

/** Closes every attempt of the contest whose time is over and that was never handed in. */
export async function closeExpired(db: Database, course: Course, contest: Contest, now = new Date()): Promise<number> {
  const open = await db
    .selectFrom("contest_entries")
    .selectAll()
    .where("contest_id", "=", contest.id)
    .where("submitted_at", "is", null)
    .execute();
  let closed = 0;
  for (const entry of open) {
    if (inTime(entry.deadline_at, now)) continue;
    await closeLate(db, entry, entryQuestions(course, contest, entry, "vi"));
    closed++;
  }
  return closed;
}

// —— Results ——

export interface ReviewedQuestion {
  id: string;
  prompt: string;
  correct: boolean;
  options: { id: string; text: string; chosen: boolean; correct: boolean; explanation: string }[];
}

/** A participant's answers marked and explained: only once the contest has closed. */
export function reviewEntry(questions: readonly Question[], entry: ContestEntry): ReviewedQuestion[] {
  const answers = JSON.parse(entry.answers) as Answers;
  return questions.map((q) => {
    const chosen = answers[q.id] ?? [];
    const right = q.options.filter((o) => o.correct).map((o) => o.id);
    return {
      id: q.id,
      prompt: q.prompt,
      correct: chosen.length === right.length && right.every((id) => chosen.includes(id)),
      options: q.options.map((o) => ({
        id: o.id,
        text: o.text,
        chosen: chosen.includes(o.id),
        correct: o.correct,
        explanation: o.explanation,
      })),
    };
  });
}

export interface FinishedEntry {
  id: string;
  learnerId: string;
  name: string;
  unitCode: string | null;
  unitName: string | null;
  communeCode: string | null;
  villageCode: string | null;
  classId: string | null;
  className: string | null;
  score: number;
  correctCount: number;
  totalCount: number;
  durationMs: number;
  submittedAt: string;
  late: boolean;
  /** The participant agreed to be shown by name (accounts: consent "leaderboard"). */
  named: boolean;
}

/** Each participant's best finished attempt (score, then time). */
export async function finishedEntries(db: Database, contest: Contest): Promise<FinishedEntry[]> {
  const rows = await db
    .selectFrom("contest_entries as e")
    .leftJoin("units as u", "u.code", "e.unit_code")
    .leftJoin("classes as c", "c.id", "e.class_id")
    .leftJoin("consents as k", (join) =>
      join.onRef("k.learner_id", "=", "e.learner_id").on("k.purpose", "=", "leaderboard").on("k.withdrawn_at", "is", null),
    )
    .select([
      "e.id",
      "e.learner_id",
      "e.display_name",
      "e.unit_code",
      "u.name as unit_name",
      "u.level as unit_level",
      "u.commune_code",
      "e.class_id",
      "c.name as class_name",
      "e.score",
      "e.correct_count",
      "e.total_count",
      "e.duration_ms",
      "e.submitted_at",
      "e.late",
      "k.given_at as consent",
    ])
    .where("e.contest_id", "=", contest.id)
    .where("e.submitted_at", "is not", null)
    .execute();
  const all = rows.map((r): FinishedEntry => ({
    id: r.id,
    learnerId: r.learner_id,
    name: r.display_name,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    communeCode: r.unit_level === "commune" ? r.unit_code : (r.commune_code ?? null),
    villageCode: r.unit_level === "village" ? r.unit_code : null,
    classId: r.class_id,
    className: r.class_name,
    score: Number(r.score ?? 0),
    correctCount: Number(r.correct_count ?? 0),
    totalCount: Number(r.total_count),
    durationMs: Number(r.duration_ms ?? 0),
    submittedAt: r.submitted_at!,
    late: Number(r.late) === 1,
    named: !!r.consent,
  }));
  const best = new Map<string, FinishedEntry>();
  for (const e of rankEntries(all)) if (!best.has(e.learnerId)) best.set(e.learnerId, e);
  return [...best.values()];
}

export interface Boards {
  participants: number;
  averageScore: number | null;
  communes: (BoardRow & { name: string })[];
  villages: (BoardRow & { name: string })[];
  classes: (BoardRow & { name: string })[];
  /** The best participants: a name only with their consent. */
  top: { rank: number; name: string | null; unitName: string | null; score: number; durationMs: number }[];
}

/** The adult population of each unit (unit_targets, issue 9) for the contest's year, null when not known. */
async function adultPopulation(db: Database, codes: string[], year: number): Promise<Map<string, number | null>> {
  if (!codes.length) return new Map();
  const rows = await db
    .selectFrom("unit_targets")
    .select(["unit_code", "denominator"])
    .where("unit_code", "in", codes)
    .where("year", "=", year)
    .where("audience", "=", "adult")
    .execute();
  return new Map(rows.map((r) => [r.unit_code, r.denominator === null ? null : Number(r.denominator)]));
}

export const TOP_LIST = 10;

export async function contestBoards(db: Database, contest: Contest, entries: readonly FinishedEntry[]): Promise<Boards> {
  const year = new Date(Date.parse(contest.opens_at) + 7 * 3_600_000).getUTCFullYear();
  const communeCodes = [...new Set(entries.flatMap((e) => (e.communeCode ? [e.communeCode] : [])))];
  const villageCodes = [...new Set(entries.flatMap((e) => (e.villageCode ? [e.villageCode] : [])))];
  const [population, names] = await Promise.all([
    adultPopulation(db, [...communeCodes, ...villageCodes], year),
    communeCodes.length + villageCodes.length
      ? db
          .selectFrom("units")
          .select(["code", "name"])
          .where("code", "in", [...communeCodes, ...villageCodes])
          .execute()
      : Promise.resolve([]),
  ]);
  const unitName = new Map(names.map((n) => [n.code, n.name]));
  const classNames = new Map(entries.flatMap((e) => (e.classId ? [[e.classId, e.className ?? ""] as const] : [])));
  const named = (rows: BoardRow[], nameOf: (key: string) => string) => rows.map((r) => ({ ...r, name: nameOf(r.key) }));
  const ranked = rankEntries(entries);
  return {
    participants: entries.length,
    averageScore: entries.length ? Math.round(entries.reduce((a, e) => a + e.score, 0) / entries.length) : null,
    communes: named(
      leaderboard(
        entries.map((e) => ({ group: e.communeCode, score: e.score })),
        population,
      ),
      (k) => unitName.get(k) ?? k,
    ),
    villages: named(
      leaderboard(
        entries.map((e) => ({ group: e.villageCode, score: e.score })),
        population,
      ),
      (k) => unitName.get(k) ?? k,
    ),
    classes: named(leaderboard(entries.map((e) => ({ group: e.classId, score: e.score }))), (k) => classNames.get(k) ?? k),
    top: ranked
      .slice(0, TOP_LIST)
      .map((e) => ({ rank: e.rank, name: e.named ? e.name : null, unitName: e.unitName, score: e.score, durationMs: e.durationMs })),
  };
}

/** A participant's standing once the contest is closed: their rank among everyone's best attempts. */
export async function standingOf(db: Database, contest: Contest, learnerId: string): Promise<{ rank: number; of: number } | null> {
  const ranked = rankEntries(await finishedEntries(db, contest));
  const mine = ranked.find((e) => e.learnerId === learnerId);
  return mine ? { rank: mine.rank, of: ranked.length } : null;
}
