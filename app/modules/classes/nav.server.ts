import type { Learner } from "#db/schema";
import { getDb } from "~/db.server";
import { deviceLearnerIds } from "~/modules/accounts/device.server";
import { rolesOf } from "~/modules/accounts/roles.server";

export interface ClassLinks {
  teach: boolean;
  admin: boolean;
  mentor: boolean;
  /** Any account: the family pages ("Gia đình số"), for those without the mentor role (issue 18). */
  follow: boolean;
  /** This device remembers learners who log in with a PIN: offer "Đổi người học". */
  switchLearner: boolean;
}

/** Which of this module's pages the header offers to the person on this device. */
export async function headerLinks(request: Request, learner: Pick<Learner, "id" | "kind"> | null): Promise<ClassLinks> {
  const [roles, device] = await Promise.all([
    learner?.kind === "account" ? rolesOf(await getDb(), { learnerId: learner.id }) : Promise.resolve([]),
    deviceLearnerIds(request),
  ]);
  return {
    teach: roles.includes("instructor"),
    admin: roles.includes("admin"),
    mentor: roles.includes("mentor"),
    follow: learner?.kind === "account",
    switchLearner: device.length > 0,
  };
}
