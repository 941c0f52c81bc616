import { randomUUID } from "node:crypto";
import type { Database } from "#db/client";
import type { Role } from "#db/schema";
import { grantRole, hasRole } from "./roles.server";

/**
 * Asking for a role (issue 11): a teacher asks for the instructor role from the site, with a note
 * (their school or unit); administrators see the open requests on the roles page and grant or
 * decline each. One open request per person and role: asking again while one waits changes nothing.
 */

export const NOTE_MAX = 300;

export type RequestResult = "sent" | "waiting" | "holds";

export async function requestRole(
  db: Database,
  { learnerId, role, note, now = new Date() }: { learnerId: string; role: Role; note: string | null; now?: Date },
): Promise<RequestResult> {
  if (await hasRole(db, { learnerId, role })) return "holds";
  if (await openRequest(db, { learnerId, role })) return "waiting";
  await db
    .insertInto("role_requests")
    .values({
      id: randomUUID(),
      learner_id: learnerId,
      role,
      note,
      status: "pending",
      created_at: now.toISOString(),
      answered_at: null,
      answered_by: null,
    })
    .execute();
  return "sent";
}

/** The request still waiting for an answer, if any. */
export async function openRequest(db: Database, { learnerId, role }: { learnerId: string; role: Role }) {
  return (
    (await db
      .selectFrom("role_requests")
      .select(["id", "note", "created_at"])
      .where("learner_id", "=", learnerId)
      .where("role", "=", role)
      .where("status", "=", "pending")
      .executeTakeFirst()) ?? null
  );
}

/** The newest answered request (to tell the person it was declined), if any. */
export async function lastAnswer(db: Database, { learnerId, role }: { learnerId: string; role: Role }) {
  return (
    (await db
      .selectFrom("role_requests")
      .select(["status", "answered_at"])
      .where("learner_id", "=", learnerId)
      .where("role", "=", role)
      .where("status", "!=", "pending")
      .orderBy("answered_at", "desc")
      .executeTakeFirst()) ?? null
  );
}

/** Every request waiting for an answer, oldest first, with who asked (for administrators). */
export async function listOpenRequests(db: Database) {
  const rows = await db
    .selectFrom("role_requests")
    .innerJoin("learners", "learners.id", "role_requests.learner_id")
    .select([
      "role_requests.id",
      "role_requests.role",
      "role_requests.note",
      "role_requests.created_at",
      "learners.id as learnerId",
      "learners.display_name",
      "learners.username",
    ])
    .where("role_requests.status", "=", "pending")
    .where("learners.kind", "=", "account")
    .orderBy("role_requests.created_at")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    role: r.role,
    note: r.note,
    createdAt: r.created_at,
    learnerId: r.learnerId,
    name: r.display_name ?? r.username ?? "",
    username: r.username,
  }));
}

/** An administrator grants (the role is given) or declines an open request. Returns who asked, or null. */
export async function answerRequest(
  db: Database,
  { requestId, adminId, grant, now = new Date() }: { requestId: string; adminId: string; grant: boolean; now?: Date },
): Promise<{ learnerId: string; role: Role } | null> {
  return db.transaction().execute(async (trx) => {
    const request = await trx
      .selectFrom("role_requests")
      .select(["learner_id", "role"])
      .where("id", "=", requestId)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (!request) return null;
    if (grant && !(await grantRole(trx, { learnerId: request.learner_id, role: request.role, grantedBy: adminId, now }))) return null;
    await trx
      .updateTable("role_requests")
      .set({ status: grant ? "granted" : "declined", answered_at: now.toISOString(), answered_by: adminId })
      .where("id", "=", requestId)
      .execute();
    return { learnerId: request.learner_id, role: request.role };
  });
}
