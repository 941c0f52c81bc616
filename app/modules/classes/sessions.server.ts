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

/** Past sessions of a class with how many were present, newest first. */
export async function listSessions(db: Database, { classId, limit = 20 }: { classId: string; limit?: number }) {
  const sessions = await db
    .selectFrom("class_sessions")
    .selectAll()
    .where("class_id", "=", classId)
    .orderBy("day", "desc")
    .limit(limit)
    .execute();
  if (!sessions.length) return [];
  const counts = await db
    .selectFrom("class_attendance")
    .select(["session_id", (eb) => eb.fn.countAll<string | number>().as("n")])
    .where(
      "session_id",
      "in",
      sessions.map((s) => s.id),
    )
    .where("present", "=", 1)
    .groupBy("session_id")
    .execute();
  const byId = new Map(counts.map((c) => [c.session_id, Number(c.n)]));
  return sessions.map((s) => ({ ...s, present: byId.get(s.id) ?? 0 }));
}
