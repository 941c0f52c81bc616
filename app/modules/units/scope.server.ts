import type { Learner, Unit } from "#db/schema";
import { getDb } from "~/db.server";
import { refuse } from "~/modules/accounts/refuse.server";
import { hasRole } from "~/modules/accounts/roles.server";
import { getCurrentLearner } from "~/modules/accounts/session.server";
import { isOfficialOf, officialUnitsOf } from "./officials.server";
import { getUnit } from "./units.server";

const notFound = () => new Response(null, { status: 404 });

export interface OfficialScope {
  learner: Learner;
  unit: Unit;
  isAdmin: boolean;
}

/**
 * The guard of every report route: the signed-in account that is an official of the unit in the
 * URL or of a unit above it, or an administrator; a 404 for anyone else and for a unit that does
 * not exist (a refusal does not say whether the unit exists). A visitor with no session is asked
 * to log in and come back (`refuse`).
 */
export async function requireOfficialOf(request: Request, unitCode: string | undefined): Promise<OfficialScope> {
  const learner = await getCurrentLearner(request);
  if (!learner || learner.kind !== "account") refuse(request, { signedIn: !!learner });
  if (!unitCode) throw notFound();
  const db = await getDb();
  const unit = await getUnit(db, unitCode);
  if (!unit) throw notFound();
  const isAdmin = await hasRole(db, { learnerId: learner.id, role: "admin" });
  if (!isAdmin && !(await isOfficialOf(db, { learnerId: learner.id, unit }))) throw notFound();
  return { learner, unit, isAdmin };
}

/** For pages without a unit in the URL (the list of one's units): any official, or an administrator. */
export async function requireAnyOfficial(request: Request): Promise<{ learner: Learner; units: Unit[]; isAdmin: boolean }> {
  const learner = await getCurrentLearner(request);
  if (!learner || learner.kind !== "account") refuse(request, { signedIn: !!learner });
  const db = await getDb();
  const isAdmin = await hasRole(db, { learnerId: learner.id, role: "admin" });
  const units = await officialUnitsOf(db, learner.id);
  if (!isAdmin && units.length === 0) throw notFound();
  return { learner, units, isAdmin };
}
