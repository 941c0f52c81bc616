import { randomUUID } from "node:crypto";
import type { Database } from "#db/client";
import { liveKind, type Learner } from "#db/schema";
import { moveClassData } from "~/modules/classes/classes.server";
import { refreshMilestones } from "~/modules/progress/milestones.server";
import { recomputeProgress } from "~/modules/progress/progress.server";
import { getCourseShape } from "~/modules/progress/shape.server";
import { hashPassword, verifyPassword } from "./password.server";

export async function createGuest(db: Database, now = new Date()): Promise<Learner> {
  const at = now.toISOString();
  const learner: Learner = {
    id: randomUUID(),
    kind: "guest",
    display_name: null,
    username: null,
    password_hash: null,
    created_at: at,
    updated_at: at,
  };
  await db.insertInto("learners").values(learner).execute();
  return learner;
}

export async function getLearner(db: Database, { learnerId }: { learnerId: string }): Promise<Learner | null> {
  const row = await db.selectFrom("learners").selectAll().where("id", "=", learnerId).executeTakeFirst();
  return row && row.kind !== "withdrawn" ? { ...row, kind: row.kind } : null;
}

export type SignUpResult = { ok: true; learner: Learner } | { ok: false; error: "loginTaken" };

/**
 * Creates an account. A guest who signs up keeps their row, so every attempt and all progress
 * stay theirs without copying anything.
 */
export async function signUp(
  db: Database,
  input: { guestId: string | null; displayName: string; login: string; password: string },
): Promise<SignUpResult> {
  const passwordHash = await hashPassword(input.password);
  const at = new Date().toISOString();
  try {
    return await db.transaction().execute(async (trx) => {
      const taken = await trx.selectFrom("learners").select("id").where("username", "=", input.login).executeTakeFirst();
      if (taken) return { ok: false, error: "loginTaken" } as const;
      const guest = input.guestId
        ? await trx.selectFrom("learners").selectAll().where("id", "=", input.guestId).where("kind", "=", "guest").executeTakeFirst()
        : undefined;
      const fields = {
        kind: "account" as const,
        display_name: input.displayName,
        username: input.login,
        password_hash: passwordHash,
        updated_at: at,
      };
      if (guest) {
        await trx.updateTable("learners").set(fields).where("id", "=", guest.id).execute();
        return { ok: true, learner: { ...guest, ...fields } } as const;
      }
      const learner: Learner = { id: randomUUID(), created_at: at, ...fields };
      await trx.insertInto("learners").values(learner).execute();
      return { ok: true, learner } as const;
    });
  } catch (error) {
    // Two sign-ups with the same login at once: the unique index decides.
    if (/unique|duplicate/i.test(String((error as Error)?.message))) return { ok: false, error: "loginTaken" };
    throw error;
  }
}

/** Checks a login name and password; null when either is wrong. */
export async function authenticate(db: Database, { login, password }: { login: string; password: string }): Promise<Learner | null> {
  const learner = await db
    .selectFrom("learners")
    .selectAll()
    .where("username", "=", login)
    .where("kind", "=", "account")
    .executeTakeFirst();
  const ok = await verifyPassword(learner?.password_hash ?? null, password);
  return ok && learner ? { ...learner, kind: liveKind(learner.kind) } : null;
}

/**
 * A guest who logs in to an existing account brings their attempts along: they are moved to the
 * account, its summaries rebuilt, and the empty guest profile removed, all in one transaction.
 */
export async function mergeGuestIntoAccount(db: Database, { guestId, accountId }: { guestId: string; accountId: string }): Promise<number> {
  if (guestId === accountId) return 0;
  const shape = await getCourseShape();
  return db.transaction().execute(async (trx) => {
    const guest = await trx.selectFrom("learners").select("id").where("id", "=", guestId).where("kind", "=", "guest").executeTakeFirst();
    if (!guest) return 0;
    const items = await trx
      .selectFrom("attempts")
      .select(["item_kind", "item_id", "module_id"])
      .distinct()
      .where("learner_id", "=", guestId)
      .execute();
    await trx.updateTable("attempts").set({ learner_id: accountId }).where("learner_id", "=", guestId).execute();
    await trx.deleteFrom("progress").where("learner_id", "=", guestId).execute();
    await trx.deleteFrom("sessions").where("learner_id", "=", guestId).execute();
    await moveClassData(trx, { fromId: guestId, toId: accountId });
    await trx.deleteFrom("learners").where("id", "=", guestId).execute();
    for (const i of items) {
      await recomputeProgress(trx, { learnerId: accountId, item: { kind: i.item_kind, id: i.item_id, moduleId: i.module_id } });
    }
    await refreshMilestones(trx, { learnerId: accountId, moduleIds: items.map((i) => i.module_id), shape });
    return items.length;
  });
}
