import type { Database } from "#db/client";
import type { Learner, Role } from "#db/schema";
import { getDb } from "~/db.server";
import { refuse } from "./refuse.server";
import { getCurrentLearner } from "./session.server";

export const roles: readonly Role[] = ["instructor", "mentor", "admin"];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (roles as readonly string[]).includes(value);
}

/** Whether a learner holds a role. Guests never do. */
export async function hasRole(db: Database, { learnerId, role }: { learnerId: string; role: Role }): Promise<boolean> {
  const row = await db
    .selectFrom("learner_roles")
    .innerJoin("learners", "learners.id", "learner_roles.learner_id")
    .select("learner_roles.role")
    .where("learner_roles.learner_id", "=", learnerId)
    .where("learner_roles.role", "=", role)
    .where("learners.kind", "=", "account")
    .executeTakeFirst();
  return !!row;
}

export async function rolesOf(db: Database, { learnerId }: { learnerId: string }): Promise<Role[]> {
  const rows = await db.selectFrom("learner_roles").select("role").where("learner_id", "=", learnerId).orderBy("role").execute();
  return rows.map((r) => r.role);
}

/** Grants a role to an account (idempotent). Returns false when the learner is not an account. */
export async function grantRole(
  db: Database,
  { learnerId, role, grantedBy = null, now = new Date() }: { learnerId: string; role: Role; grantedBy?: string | null; now?: Date },
): Promise<boolean> {
  const account = await db.selectFrom("learners").select("id").where("id", "=", learnerId).where("kind", "=", "account").executeTakeFirst();
  if (!account) return false;
  await db
    .insertInto("learner_roles")
    .values({ learner_id: learnerId, role, granted_at: now.toISOString(), granted_by: grantedBy })
    .onConflict((oc) => oc.columns(["learner_id", "role"]).doNothing())
    .execute();
  return true;
}

export async function revokeRole(db: Database, { learnerId, role }: { learnerId: string; role: Role }): Promise<boolean> {
  const result = await db.deleteFrom("learner_roles").where("learner_id", "=", learnerId).where("role", "=", role).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * The signed-in account holding `role`, or a 404 for anyone else signed in (guests, learners):
 * pages for staff do not reveal that they exist. A logged-out visitor is asked to log in (refuse).
 */
export async function requireRole(request: Request, role: Role): Promise<Learner> {
  const learner = await getCurrentLearner(request);
  if (!learner || learner.kind !== "account" || !(await hasRole(await getDb(), { learnerId: learner.id, role }))) {
    refuse(request, { signedIn: !!learner });
  }
  return learner;
}
