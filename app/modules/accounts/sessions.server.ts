import { createHash, randomBytes } from "node:crypto";
import type { Database } from "#db/client";
import type { Learner } from "#db/schema";

export const SESSION_DAYS = 180;

const digest = (token: string) => createHash("sha256").update(token).digest("hex");

/** Starts a session; returns the token for the cookie (only its hash is stored). */
export async function createSession(
  db: Database,
  { learnerId, device = null, now = new Date() }: { learnerId: string; device?: string | null; now?: Date },
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db
    .insertInto("sessions")
    .values({
      id: digest(token),
      learner_id: learnerId,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString(),
      device,
    })
    .execute();
  return token;
}

/** The learner a session token belongs to, if the session is still valid. */
export async function findSessionLearner(
  db: Database,
  { token, now = new Date() }: { token: string; now?: Date },
): Promise<Learner | null> {
  const row = await db
    .selectFrom("sessions")
    .innerJoin("learners", "learners.id", "sessions.learner_id")
    .selectAll("learners")
    .where("sessions.id", "=", digest(token))
    .where("sessions.expires_at", ">", now.toISOString())
    .executeTakeFirst();
  return row && row.kind !== "withdrawn" ? { ...row, kind: row.kind } : null;
}

export async function deleteSession(db: Database, { token }: { token: string }): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", digest(token)).execute();
}

/** The session id (hash) of a token, to tell "this device" apart in a list of sessions. */
export function sessionIdOf(token: string): string {
  return digest(token);
}
