import { randomInt, randomUUID } from "node:crypto";
import type { Database } from "#db/client";
import type { Learner } from "#db/schema";
import { hashPassword, verifyPassword } from "./password.server";
import { generatePin, PIN_LOCK_AFTER, pinGate, usernameFor } from "./pin";

type Executor = Pick<Database, "selectFrom" | "insertInto" | "updateTable" | "deleteFrom">;

export interface NewPinLearner {
  fullName: string;
  birthYear: number | null;
  place: string | null;
}

export interface CreatedPinLearner {
  id: string;
  fullName: string;
  username: string;
  /** Shown once to the facilitator; only its hash is stored. */
  pin: string;
}

/** A username nobody has yet: the given name and 4 digits, then 6 digits if 4 keep colliding. */
async function freeUsername(db: Executor, fullName: string): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const candidate = usernameFor(fullName, randomInt, attempt < 10 ? 4 : 6);
    const taken = await db.selectFrom("learners").select("id").where("username", "=", candidate).executeTakeFirst();
    if (!taken) return candidate;
  }
  throw new Error("no free username");
}

/**
 * Creates accounts for people without phone or e-mail: a username and a PIN each, plus the birth
 * year and village the facilitator typed. Returns the PINs in clear, once.
 */
export async function createPinLearners(
  db: Database,
  {
    createdBy,
    people,
    afterCreate,
    now = new Date(),
  }: {
    createdBy: string;
    people: NewPinLearner[];
    /** Runs in the same transaction, e.g. to add the new learners to a class: all or nothing. */
    afterCreate?: (trx: Executor, learnerIds: string[]) => Promise<void>;
    now?: Date;
  },
): Promise<CreatedPinLearner[]> {
  // Hash outside the transaction: argon2 takes ~30 ms each and must not hold a write lock.
  const prepared = await Promise.all(
    people.map(async (p) => {
      const pin = generatePin(randomInt);
      return { ...p, pin, pinHash: await hashPassword(pin) };
    }),
  );
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const created: CreatedPinLearner[] = [];
    for (const p of prepared) {
      const id = randomUUID();
      const username = await freeUsername(trx, p.fullName);
      await trx
        .insertInto("learners")
        .values({ id, kind: "account", display_name: p.fullName, username, password_hash: null, created_at: at, updated_at: at })
        .execute();
      await trx
        .insertInto("learner_profiles")
        .values({ learner_id: id, birth_year: p.birthYear, place: p.place, created_by: createdBy, created_at: at })
        .execute();
      await trx
        .insertInto("learner_pins")
        .values({ learner_id: id, pin_hash: p.pinHash, failed_count: 0, last_failed_at: null, locked_at: null, updated_at: at })
        .execute();
      created.push({ id, fullName: p.fullName, username, pin: p.pin });
    }
    await afterCreate?.(
      trx,
      created.map((c) => c.id),
    );
    return created;
  });
}

/** A new PIN for a learner who forgot theirs or is locked out; clears the failure count. */
export async function resetPin(db: Database, { learnerId, now = new Date() }: { learnerId: string; now?: Date }): Promise<string | null> {
  const pin = generatePin(randomInt);
  const pinHash = await hashPassword(pin);
  const result = await db
    .updateTable("learner_pins")
    .set({ pin_hash: pinHash, failed_count: 0, last_failed_at: null, locked_at: null, updated_at: now.toISOString() })
    .where("learner_id", "=", learnerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0 ? pin : null;
}

export type PinLoginResult =
  | { ok: true; learner: Learner }
  | { ok: false; reason: "bad"; remaining: number | null }
  | { ok: false; reason: "wait"; retryAfterMs: number }
  | { ok: false; reason: "locked" };

/**
 * Checks a username (or a learner id from the device's list) and a PIN.
 *
 * The failure is counted *before* the PIN is checked, with a conditional update on the count that
 * was read, so two guesses sent at once cannot both slip past the slowdown: one of them finds the
 * count changed and is told to wait. A right PIN then clears the count.
 */
export async function attemptPinLogin(
  db: Database,
  input: ({ login: string } | { learnerId: string }) & { pin: string; slowdownMs: number; now?: Date },
): Promise<PinLoginResult> {
  const now = input.now ?? new Date();
  let query = db
    .selectFrom("learners")
    .innerJoin("learner_pins", "learner_pins.learner_id", "learners.id")
    .selectAll("learners")
    .select(["learner_pins.pin_hash", "learner_pins.failed_count", "learner_pins.last_failed_at", "learner_pins.locked_at"])
    .where("learners.kind", "=", "account");
  query = "login" in input ? query.where("learners.username", "=", input.login) : query.where("learners.id", "=", input.learnerId);
  const row = await query.executeTakeFirst();
  if (!row) {
    await verifyPassword(null, input.pin); // the same time as a wrong PIN
    return { ok: false, reason: "bad", remaining: null };
  }
  const failed = Number(row.failed_count);
  const gate = pinGate(
    { failed_count: failed, last_failed_at: row.last_failed_at, locked_at: row.locked_at },
    { now, slowdownMs: input.slowdownMs },
  );
  if (gate.state === "locked") return { ok: false, reason: "locked" };
  if (gate.state === "wait") return { ok: false, reason: "wait", retryAfterMs: gate.retryAfterMs };

  const at = now.toISOString();
  const reserved = await db
    .updateTable("learner_pins")
    .set({
      failed_count: failed + 1,
      last_failed_at: at,
      locked_at: failed + 1 >= PIN_LOCK_AFTER ? at : null,
      updated_at: at,
    })
    .where("learner_id", "=", row.id)
    .where("failed_count", "=", failed)
    .where("locked_at", "is", null)
    .executeTakeFirst();
  if (Number(reserved.numUpdatedRows) === 0) return { ok: false, reason: "wait", retryAfterMs: 1000 };

  if (await verifyPassword(row.pin_hash, input.pin)) {
    await db
      .updateTable("learner_pins")
      .set({ failed_count: 0, last_failed_at: null, locked_at: null, updated_at: at })
      .where("learner_id", "=", row.id)
      .execute();
    const { pin_hash: _h, failed_count: _f, last_failed_at: _l, locked_at: _k, ...learner } = row;
    return { ok: true, learner };
  }
  if (failed + 1 >= PIN_LOCK_AFTER) return { ok: false, reason: "locked" };
  return { ok: false, reason: "bad", remaining: PIN_LOCK_AFTER - failed - 1 };
}

export interface PinStatus {
  failedCount: number;
  locked: boolean;
}

/** Whether learners log in with a PIN, and whether they are locked out, by learner id. */
export async function pinStatuses(db: Database, { learnerIds }: { learnerIds: string[] }): Promise<Map<string, PinStatus>> {
  const map = new Map<string, PinStatus>();
  if (!learnerIds.length) return map;
  const rows = await db
    .selectFrom("learner_pins")
    .select(["learner_id", "failed_count", "locked_at"])
    .where("learner_id", "in", learnerIds)
    .execute();
  for (const r of rows)
    map.set(r.learner_id, {
      failedCount: Number(r.failed_count),
      locked: r.locked_at !== null || Number(r.failed_count) >= PIN_LOCK_AFTER,
    });
  return map;
}

/** PIN learners among these ids, with their names, in the order given (for the shared device's list). */
export async function pinLearnersByIds(
  db: Database,
  { learnerIds }: { learnerIds: string[] },
): Promise<{ id: string; name: string; username: string }[]> {
  if (!learnerIds.length) return [];
  const rows = await db
    .selectFrom("learners")
    .innerJoin("learner_pins", "learner_pins.learner_id", "learners.id")
    .select(["learners.id", "learners.display_name", "learners.username"])
    .where("learners.id", "in", learnerIds)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, { id: r.id, name: r.display_name ?? r.username ?? "", username: r.username ?? "" }]));
  return learnerIds.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}
