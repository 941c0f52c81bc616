import { randomInt, randomUUID } from "node:crypto";
import type { Database } from "#db/client";
import { liveKind, type Learner } from "#db/schema";
import { giveConsent } from "./consent.server";
import { blockedSeconds, clear } from "~/modules/limits/limits.server";
import { beginLogin } from "./login-limits.server";
import { hashPassword, verifyPassword } from "./password.server";
import { generatePin, usernameFor } from "./pin";

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
    afterPins,
    now = new Date(),
  }: {
    createdBy: string;
    people: NewPinLearner[];
    /** Runs in the same transaction, e.g. to add the new learners to a class: all or nothing. */
    afterCreate?: (trx: Executor, learnerIds: string[]) => Promise<void>;
    /** Runs in the same transaction with the PINs in clear, e.g. to keep them sealed until written down. */
    afterPins?: (trx: Executor, pins: { id: string; pin: string }[]) => Promise<void>;
    now?: Date;
  },
): Promise<CreatedPinLearner[]> {
  // Hash outside the transaction (argon2 takes ~30 ms each and must not hold a write lock), one
  // after another: a whole class at once would fill the hashing queue meant for log-ins.
  const prepared: (NewPinLearner & { pin: string; pinHash: string })[] = [];
  for (const p of people) {
    const pin = generatePin(randomInt);
    prepared.push({ ...p, pin, pinHash: await hashPassword(pin) });
  }
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
      await addPin(trx, { learnerId: id, pinHash: p.pinHash, createdBy, now });
      created.push({ id, fullName: p.fullName, username, pin: p.pin });
    }
    await afterCreate?.(
      trx,
      created.map((c) => c.id),
    );
    // The optional data given for them (birth year, place, or the unit and group set just now).
    const withData = !created.length
      ? []
      : await trx
          .selectFrom("learner_profiles")
          .select("learner_id")
          .where(
            "learner_id",
            "in",
            created.map((c) => c.id),
          )
          .where((eb) =>
            eb.or([
              eb("birth_year", "is not", null),
              eb("place", "is not", null),
              eb("unit_code", "is not", null),
              eb("audience", "is not", null),
            ]),
          )
          .execute();
    for (const r of withData) await giveConsent(trx, { learnerId: r.learner_id, purpose: "profile", recordedBy: createdBy, now });
    await afterPins?.(
      trx,
      created.map((c) => ({ id: c.id, pin: c.pin })),
    );
    return created;
  });
}

/** A learner's PIN (hashed), with the consent the facilitator recorded for the person present (the form asks). */
async function addPin(
  trx: Executor,
  { learnerId, pinHash, createdBy, now }: { learnerId: string; pinHash: string; createdBy: string; now: Date },
) {
  await trx
    .insertInto("learner_pins")
    .values({
      learner_id: learnerId,
      pin_hash: pinHash,
      failed_count: 0,
      last_failed_at: null,
      locked_at: null,
      updated_at: now.toISOString(),
    })
    .execute();
  await giveConsent(trx, { learnerId, purpose: "terms", recordedBy: createdBy, now });
}

/**
 * A guest in a facilitator's class becomes a PIN account, so their work survives a cleared
 * browser (issue 11): the same learner row (nothing is copied, every attempt stays), now an
 * account with a username made from their name and a new PIN, returned in clear once (and handed
 * to `afterPins` inside the transaction, to keep it sealed until written down). The guest's own
 * browser stays signed in. Null when the learner is not a guest (any more).
 */
export async function givePinToGuest(
  db: Database,
  {
    learnerId,
    createdBy,
    afterPins,
    now = new Date(),
  }: {
    learnerId: string;
    createdBy: string;
    afterPins?: (trx: Executor, pins: { id: string; pin: string }[]) => Promise<void>;
    now?: Date;
  },
): Promise<{ username: string; pin: string } | null> {
  const pin = generatePin(randomInt);
  const pinHash = await hashPassword(pin);
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const guest = await trx
      .selectFrom("learners")
      .select("display_name")
      .where("id", "=", learnerId)
      .where("kind", "=", "guest")
      .executeTakeFirst();
    if (!guest) return null;
    const username = await freeUsername(trx, guest.display_name ?? "");
    await trx.updateTable("learners").set({ kind: "account", username, updated_at: at }).where("id", "=", learnerId).execute();
    await trx
      .insertInto("learner_profiles")
      .values({ learner_id: learnerId, birth_year: null, place: null, created_by: createdBy, created_at: at })
      .onConflict((oc) => oc.column("learner_id").doUpdateSet({ created_by: createdBy }))
      .execute();
    await addPin(trx, { learnerId, pinHash, createdBy, now });
    await afterPins?.(trx, [{ id: learnerId, pin }]);
    return { username, pin };
  });
}

/** A new PIN for a learner who forgot theirs; ends their sessions and any wait their username is under. */
export async function resetPin(db: Database, { learnerId, now = new Date() }: { learnerId: string; now?: Date }): Promise<string | null> {
  const learner = await db
    .selectFrom("learners")
    .innerJoin("learner_pins", "learner_pins.learner_id", "learners.id")
    .select(["learners.id", "learners.username"])
    .where("learners.id", "=", learnerId)
    .executeTakeFirst();
  if (!learner) return null;
  const pin = generatePin(randomInt);
  const pinHash = await hashPassword(pin);
  await db
    .updateTable("learner_pins")
    .set({ pin_hash: pinHash, updated_at: now.toISOString() })
    .where("learner_id", "=", learnerId)
    .execute();
  // Every reset ends the account's sessions (a lost card, a phone left somewhere).
  await db.deleteFrom("sessions").where("learner_id", "=", learnerId).execute();
  await clear(db, [
    ["pinName", [learner.username ?? ""]],
    ["pinDevice", [learner.id]],
  ]);
  return pin;
}

export type PinLoginResult =
  { ok: true; learner: Learner } | { ok: false; reason: "bad" } | { ok: false; reason: "wait"; retryAfterSeconds: number };

/**
 * Checks a username (or a learner id from the device's list) and a PIN, within the log-in limits
 * (login-limits.server.ts): the try is counted before the PIN is checked, a device the learner
 * logged in on before is counted apart from everyone else, and every wait ends by time. An
 * unknown username is counted and answered exactly like a real one.
 */
export async function attemptPinLogin(
  db: Database,
  input: ({ login: string } | { learnerId: string }) & { pin: string; address: string; deviceLearnerIds: readonly string[] },
): Promise<PinLoginResult> {
  let query = db
    .selectFrom("learners")
    .innerJoin("learner_pins", "learner_pins.learner_id", "learners.id")
    .selectAll("learners")
    .select(["learner_pins.pin_hash"])
    .where("learners.kind", "=", "account");
  query = "login" in input ? query.where("learners.username", "=", input.login) : query.where("learners.id", "=", input.learnerId);
  const row = await query.executeTakeFirst();
  const gate = await beginLogin(db, {
    kind: "pin",
    address: input.address,
    login: "login" in input ? input.login : (row?.username ?? input.learnerId),
    rememberedLearnerId: row && input.deviceLearnerIds.includes(row.id) ? row.id : null,
  });
  if (!gate.ok) return { ok: false, reason: "wait", retryAfterSeconds: gate.retryAfterSeconds };
  // An unknown name is checked against a dummy hash: the same time as a wrong PIN.
  if (!(await verifyPassword(row?.pin_hash ?? null, input.pin)) || !row) return { ok: false, reason: "bad" };
  await gate.succeeded();
  const { pin_hash: _h, ...learner } = row;
  return { ok: true, learner: { ...learner, kind: liveKind(learner.kind) } };
}

/**
 * Seconds until devices the learner never used may try their PIN again (0: now), by learner id:
 * what the facilitator sees as "waiting" (a reset PIN ends it).
 */
export async function pinWaits(
  db: Database,
  { learners }: { learners: { id: string; username: string | null }[] },
): Promise<Map<string, number>> {
  const withName = learners.filter((l) => l.username);
  const waits = await blockedSeconds(
    db,
    "pinName",
    withName.map((l) => [l.username!]),
  );
  return new Map(withName.map((l, i) => [l.id, waits[i] ?? 0]));
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
