import { randomUUID } from "node:crypto";
import type { Database } from "#db/client";
import { vietnamDay } from "./codes";

/** Community session mode: one session per class and day, with attendance and the lesson shown. */

export async function getSessionOfDay(db: Database, { classId, day }: { classId: string; day: string }) {
  return (
    (await db.selectFrom("class_sessions").selectAll().where("class_id", "=", classId).where("day", "=", day).executeTakeFirst()) ?? null
  );
}

/** Starts today's session (or returns the one already started: pressing twice is harmless). */
export async function startSessionOfDay(db: Database, { classId, now = new Date() }: { classId: string; now?: Date }) {
  const day = vietnamDay(now);
  await db
    .insertInto("class_sessions")
    .values({ id: randomUUID(), class_id: classId, day, started_at: now.toISOString(), module_id: null, lesson_id: null })
    .onConflict((oc) => oc.columns(["class_id", "day"]).doNothing())
    .execute();
  return (await getSessionOfDay(db, { classId, day }))!;
}

/** Sets who is present; `learnerIds` are the members to tick, anyone else of `memberIds` is absent. */
export async function recordAttendance(
  db: Database,
  {
    sessionId,
    memberIds,
    presentIds,
    now = new Date(),
  }: { sessionId: string; memberIds: string[]; presentIds: ReadonlySet<string>; now?: Date },
): Promise<number> {
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    for (const learnerId of memberIds) {
      const present = presentIds.has(learnerId) ? 1 : 0;
      await trx
        .insertInto("class_attendance")
        .values({ session_id: sessionId, learner_id: learnerId, present, marked_at: at })
        .onConflict((oc) => oc.columns(["session_id", "learner_id"]).doUpdateSet({ present, marked_at: at }))
        .execute();
    }
  });
  return memberIds.filter((id) => presentIds.has(id)).length;
}

export async function attendanceOf(db: Database, { sessionId }: { sessionId: string }): Promise<Set<string>> {
  const rows = await db
    .selectFrom("class_attendance")
    .select("learner_id")
    .where("session_id", "=", sessionId)
    .where("present", "=", 1)
    .execute();
  return new Set(rows.map((r) => r.learner_id));
}

export async function showLesson(
  db: Database,
  { sessionId, moduleId, lessonId }: { sessionId: string; moduleId: string; lessonId: string },
) {
  await db.updateTable("class_sessions").set({ module_id: moduleId, lesson_id: lessonId }).where("id", "=", sessionId).execute();
}

/**
 * The facilitator ends today's session, writing what was taught (optional). The session keeps its
 * lesson and attendance: the history, the learner's page, the dashboard and the reports read these
 * same rows. Ending twice is harmless; a session ended by mistake can be opened again.
 */
export async function endClassSession(
  db: Database,
  { sessionId, taught, now = new Date() }: { sessionId: string; taught: string | null; now?: Date },
) {
  await db.updateTable("class_sessions").set({ ended_at: now.toISOString(), taught }).where("id", "=", sessionId).execute();
}

export async function reopenClassSession(db: Database, { sessionId }: { sessionId: string }) {
  await db.updateTable("class_sessions").set({ ended_at: null }).where("id", "=", sessionId).execute();
}

export interface SessionRecord {
  id: string;
  day: string;
  moduleId: string | null;
  lessonId: string | null;
  endedAt: string | null;
  taught: string | null;
  /** Learners marked present, by name (as the class knows them). */
  presentNames: string[];
  present: number;
  /** Learners whose attendance was taken at this session (present or absent). */
  marked: number;
}

/** A class's sessions, newest first, each with its lesson, what was taught and who came. */
export async function listSessions(db: Database, { classId, limit = 20 }: { classId: string; limit?: number }): Promise<SessionRecord[]> {
  const sessions = await db
    .selectFrom("class_sessions")
    .selectAll()
    .where("class_id", "=", classId)
    .orderBy("day", "desc")
    .limit(limit)
    .execute();
  if (!sessions.length) return [];
  const rows = await db
    .selectFrom("class_attendance")
    .innerJoin("learners", "learners.id", "class_attendance.learner_id")
    .select(["class_attendance.session_id", "class_attendance.present", "learners.display_name", "learners.username"])
    .where(
      "class_attendance.session_id",
      "in",
      sessions.map((s) => s.id),
    )
    .execute();
  const names = new Map<string, string[]>();
  const marked = new Map<string, number>();
  for (const r of rows) {
    marked.set(r.session_id, (marked.get(r.session_id) ?? 0) + 1);
    if (r.present !== 1) continue;
    const list = names.get(r.session_id) ?? [];
    list.push(r.display_name ?? r.username ?? "");
    names.set(r.session_id, list);
  }
  const collator = new Intl.Collator("vi");
  return sessions.map((s) => ({
    id: s.id,
    day: s.day,
    moduleId: s.module_id,
    lessonId: s.lesson_id,
    endedAt: s.ended_at ?? null,
    taught: s.taught ?? null,
    presentNames: (names.get(s.id) ?? []).sort(collator.compare),
    present: names.get(s.id)?.length ?? 0,
    marked: marked.get(s.id) ?? 0,
  }));
}

export interface LearnerAttendance {
  /** Sessions of this class at which the learner's attendance was taken. */
  sessions: number;
  present: number;
}

/** Attendance per learner in one class: how many sessions they came to, of those where it was taken. */
export async function attendanceOfLearners(
  db: Database,
  { classId, learnerIds }: { classId: string; learnerIds: string[] },
): Promise<Map<string, LearnerAttendance>> {
  const result = new Map<string, LearnerAttendance>();
  if (!learnerIds.length) return result;
  const rows = await db
    .selectFrom("class_attendance")
    .innerJoin("class_sessions", "class_sessions.id", "class_attendance.session_id")
    .select([
      "class_attendance.learner_id",
      (eb) => eb.fn.countAll<string | number>().as("sessions"),
      (eb) => eb.fn.sum<string | number>("class_attendance.present").as("present"),
    ])
    .where("class_sessions.class_id", "=", classId)
    .where("class_attendance.learner_id", "in", learnerIds)
    .groupBy("class_attendance.learner_id")
    .execute();
  for (const r of rows) result.set(r.learner_id, { sessions: Number(r.sessions), present: Number(r.present ?? 0) });
  return result;
}

/** One learner's sessions in a class, newest first: the day, the lesson shown, present or not. */
export async function sessionsOfLearner(db: Database, { classId, learnerId }: { classId: string; learnerId: string }) {
  return db
    .selectFrom("class_attendance")
    .innerJoin("class_sessions", "class_sessions.id", "class_attendance.session_id")
    .select(["class_sessions.id", "class_sessions.day", "class_sessions.module_id", "class_sessions.lesson_id", "class_attendance.present"])
    .where("class_sessions.class_id", "=", classId)
    .where("class_attendance.learner_id", "=", learnerId)
    .orderBy("class_sessions.day", "desc")
    .limit(100)
    .execute();
}
