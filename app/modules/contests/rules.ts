/**
 * The pure rules of a quiz contest (issue 16): the form an organiser fills in, drawing and
 * ordering the questions of one attempt, the server's deadline, scoring, ties and leaderboards.
 * No storage here (contests.server.ts), so every rule is unit-tested.
 */
import { z } from "zod";
import { compareLessons } from "~/modules/content/check";
import { describeIssues, quizSchema, type Quiz } from "~/modules/content/schema";
import { gradeQuiz, type Answers, type GradableQuestion } from "~/modules/quizzes/grade";
import { shuffled } from "~/modules/quizzes/shuffle";

const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** A late answer is still taken this long after the deadline (the time a slow phone takes to send it). */
export const GRACE_MS = 3_000;

export const MINUTES_MAX = 180;
export const QUESTIONS_MAX = 50;
export const ATTEMPTS_MAX = 5;
export const TITLE_MAX = 120;
export const RULES_MAX = 2000;

/** "2026-10-10T08:00" (or with seconds) typed in Vietnam time → a UTC ISO string; null if not a real time. */
export function fromVietnamTime(local: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(utc);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return new Date(utc - VIETNAM_OFFSET_MS).toISOString();
}

/** A UTC ISO string as Vietnam time for a datetime-local field: "2026-10-10T08:00:00". */
export function toVietnamTime(iso: string): string {
  return new Date(Date.parse(iso) + VIETNAM_OFFSET_MS).toISOString().slice(0, 19);
}

/** "08:20:05 10/10/2026": a clock time a person reads without JavaScript. */
export function vietnamClock(iso: string): { time: string; date: string } {
  const v = toVietnamTime(iso);
  return { time: v.slice(11, 19), date: `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)}` };
}

export type ContestStatus = "upcoming" | "open" | "closed";

export function contestStatus(contest: { opens_at: string; closes_at: string }, now: Date): ContestStatus {
  const t = now.getTime();
  if (t < Date.parse(contest.opens_at)) return "upcoming";
  if (t >= Date.parse(contest.closes_at)) return "closed";
  return "open";
}

/** An attempt ends after the time allowed or when the contest closes, whichever is first. */
export function deadlineOf(startedAt: Date, minutes: number, closesAt: string): string {
  return new Date(Math.min(startedAt.getTime() + minutes * 60_000, Date.parse(closesAt))).toISOString();
}

/** Whether an answer received at `now` is in time for `deadline` (with the grace for the network). */
export function inTime(deadline: string, now: Date): boolean {
  return now.getTime() <= Date.parse(deadline) + GRACE_MS;
}

/** A question of the bank: "l:<module>/<lesson>/<question>" from a lesson quiz, "c:<question>" written for the contest. */
export type QuestionRef = string;

export const lessonRef = (moduleId: string, lessonId: string, questionId: string): QuestionRef => `l:${moduleId}/${lessonId}/${questionId}`;
export const ownRef = (questionId: string): QuestionRef => `c:${questionId}`;

export function parseRef(
  ref: string,
): { kind: "lesson"; moduleId: string; lessonId: string; questionId: string } | { kind: "own"; questionId: string } | null {
  const own = /^c:([a-z0-9-]+)$/.exec(ref);
  if (own) return { kind: "own", questionId: own[1]! };
  const lesson = /^l:([a-z0-9-]+)\/([a-z0-9-]+)\/([a-z0-9-]+)$/.exec(ref);
  return lesson ? { kind: "lesson", moduleId: lesson[1]!, lessonId: lesson[2]!, questionId: lesson[3]! } : null;
}

/** The questions of one attempt: `count` drawn from the pool in an order of their own, fixed by the seed. */
export function drawQuestions(pool: readonly QuestionRef[], count: number, seed: number): QuestionRef[] {
  return shuffled([...new Set(pool)].sort(), seed, "contest-draw").slice(0, count);
}

/** The question ids of a form are the refs, made safe for a field name: "answer.<n>" by position. */
export const answerId = (index: number) => `q${index + 1}`;

export interface EntryScore {
  correctCount: number;
  totalCount: number;
  score: number;
}

/** Scores an attempt from its saved answers (keyed by position id q1, q2…), unanswered counting as wrong. */
export function scoreEntry(questions: readonly GradableQuestion[], answers: Answers): EntryScore {
  const graded = gradeQuiz([...questions], answers);
  return { correctCount: graded.correctCount, totalCount: graded.questionCount, score: graded.score };
}

export interface RankedEntry {
  id: string;
  score: number;
  durationMs: number;
  submittedAt: string;
}

/** Best score first; ties broken by the time taken (less is better), then by who finished first. */
export function compareEntries(a: RankedEntry, b: RankedEntry): number {
  return b.score - a.score || a.durationMs - b.durationMs || a.submittedAt.localeCompare(b.submittedAt) || a.id.localeCompare(b.id);
}

export function rankEntries<E extends RankedEntry>(entries: readonly E[]): (E & { rank: number })[] {
  return [...entries].sort(compareEntries).map((e, i) => ({ ...e, rank: i + 1 }));
}

export interface BoardRow {
  key: string;
  participants: number;
  /** Whole percent of the group's adult population, null when the population is not known. */
  participation: number | null;
  averageScore: number;
  bestScore: number;
}

/**
 * A leaderboard by group (commune, village or class): participants, participation against the
 * group's population, average and best score. The best average comes first, then the group with
 * more participants, so a small village with good scores is seen beside a large one.
 */
export function leaderboard(
  entries: readonly { group: string | null; score: number }[],
  population: ReadonlyMap<string, number | null> = new Map(),
): BoardRow[] {
  const groups = new Map<string, number[]>();
  for (const e of entries) {
    if (e.group === null) continue;
    const list = groups.get(e.group) ?? [];
    list.push(e.score);
    groups.set(e.group, list);
  }
  return [...groups.entries()]
    .map(([key, scores]) => {
      const denominator = population.get(key) ?? null;
      return {
        key,
        participants: scores.length,
        participation: denominator ? Math.floor((100 * scores.length) / denominator) : null,
        averageScore: Math.round(scores.reduce((a, b) => a + b, 0) / scores.length),
        bestScore: Math.max(...scores),
      };
    })
    .sort((a, b) => b.averageScore - a.averageScore || b.participants - a.participants || a.key.localeCompare(b.key));
}

/** A duration for people: "12 phút 05 giây" is built by the page from these parts. */
export function durationParts(ms: number): { minutes: number; seconds: number } {
  const total = Math.max(0, Math.round(ms / 1000));
  return { minutes: Math.floor(total / 60), seconds: total % 60 };
}

/** Questions written for the contest: the lesson quiz schema in both languages, matching id for id. */
export interface OwnQuestions {
  vi: Quiz;
  en: Quiz;
}

const ownQuestionsSchema = z.object({ vi: quizSchema, en: quizSchema }).strict();

export function checkOwnQuestions(value: unknown): { ok: true; questions: OwnQuestions } | { ok: false; problems: string[] } {
  const parsed = ownQuestionsSchema.safeParse(value);
  if (!parsed.success) return { ok: false, problems: describeIssues(parsed.error) };
  const problems = compareLessons(
    { id: "contest", order: 1, quiz: parsed.data.vi, file: "vi" },
    { id: "contest", order: 1, quiz: parsed.data.en, file: "en" },
    "vi",
  ).map((p) => `en: ${p.message}`);
  return problems.length ? { ok: false, problems } : { ok: true, questions: parsed.data };
}

export interface ContestInput {
  title: string;
  rules: string;
  opensAt: string;
  closesAt: string;
  minutes: number;
  attemptsAllowed: number;
  questionCount: number;
  moduleIds: string[];
}

/** The organiser's form, field by field in the order shown (moduleIds: tick boxes; ownQuestions: YAML). */
export const CONTEST_FORM_FIELDS = [
  "title",
  "rules",
  "opensAt",
  "closesAt",
  "minutes",
  "attemptsAllowed",
  "questionCount",
  "moduleIds",
  "ownQuestions",
] as const;

/** Field → error key (contests:form.errors.<key>). */
export type ContestErrors = Partial<Record<keyof ContestInput | "questions", string>>;

/**
 * Checks an organiser's form. `poolSize` is the number of questions the chosen modules and the
 * contest's own questions give; there must be at least as many as each attempt draws.
 */
export function checkContestInput(
  raw: Record<string, string | string[]>,
  { knownModules, ownQuestionCount, now }: { knownModules: readonly string[]; ownQuestionCount: number; now: Date },
  poolSizeOf: (moduleIds: string[]) => number,
): { ok: true; input: ContestInput } | { ok: false; errors: ContestErrors } {
  const errors: ContestErrors = {};
  const text = (name: string) => (typeof raw[name] === "string" ? (raw[name] as string) : "").normalize("NFC").trim();
  const whole = (name: keyof ContestInput, min: number, max: number) => {
    const v = text(name);
    if (!/^\d{1,4}$/.test(v) || Number(v) < min || Number(v) > max) {
      errors[name] = "number";
      return 0;
    }
    return Number(v);
  };
  const title = text("title");
  if (title.length < 3 || title.length > TITLE_MAX) errors.title = "title";
  const rules = text("rules");
  if (rules.length > RULES_MAX) errors.rules = "rules";
  const opensAt = fromVietnamTime(text("opensAt"));
  if (!opensAt) errors.opensAt = "time";
  const closesAt = fromVietnamTime(text("closesAt"));
  if (!closesAt) errors.closesAt = "time";
  else if (closesAt <= now.toISOString()) errors.closesAt = "past";
  else if (opensAt && closesAt <= opensAt) errors.closesAt = "order";
  const minutes = whole("minutes", 1, MINUTES_MAX);
  const attemptsAllowed = whole("attemptsAllowed", 1, ATTEMPTS_MAX);
  const questionCount = whole("questionCount", 1, QUESTIONS_MAX);
  const picked = raw.moduleIds === undefined ? [] : Array.isArray(raw.moduleIds) ? raw.moduleIds : [raw.moduleIds];
  const moduleIds = [...new Set(picked)];
  if (moduleIds.some((id) => !knownModules.includes(id))) errors.moduleIds = "module";
  else if (moduleIds.length === 0 && ownQuestionCount === 0) errors.moduleIds = "noQuestions";
  else if (questionCount && poolSizeOf(moduleIds) + ownQuestionCount < questionCount) errors.questionCount = "pool";
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, input: { title, rules, opensAt: opensAt!, closesAt: closesAt!, minutes, attemptsAllowed, questionCount, moduleIds } };
}
