import type { Learner } from "#db/schema";
import { getDb } from "~/db.server";
import { deviceLearnerIds } from "~/modules/accounts/device.server";
import { rolesOf } from "~/modules/accounts/roles.server";
import { officialUnitsOf } from "~/modules/units/officials.server";

export interface ClassLinks {
  teach: boolean;
  admin: boolean;
  /** An official of any unit, or an administrator: the movement reports (`/<lang>/report`). */
  report: boolean;
  mentor: boolean;
  /** Any account: the family pages ("Gia đình số"), for those without the mentor role (issue 18). */
  follow: boolean;
  /** This device remembers learners who log in with a PIN: offer "Đổi người học". */
  switchLearner: boolean;
}

/** Which of this module's pages the header offers to the person on this device. */
export async function headerLinks(request: Request, learner: Pick<Learner, "id" | "kind"> | null): Promise<ClassLinks> {
  const account = learner?.kind === "account" ? learner : null;
  const [roles, units, device] = await Promise.all([
    account ? rolesOf(await getDb(), { learnerId: account.id }) : Promise.resolve([]),
    account ? officialUnitsOf(await getDb(), account.id) : Promise.resolve([]),
    deviceLearnerIds(request),
  ]);
  return {
    teach: roles.includes("instructor"),
    admin: roles.includes("admin"),
    report: roles.includes("admin") || units.length > 0,
    mentor: roles.includes("mentor"),
    follow: learner?.kind === "account",
    switchLearner: device.length > 0,
  };
}
