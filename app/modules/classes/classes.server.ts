import { randomInt, randomUUID } from "node:crypto";
import { pinWaits } from "~/modules/accounts/pin.server";
import type { Database } from "#db/client";
import { liveKind, type Class } from "#db/schema";
import type { ItemProgress, ProgressOf } from "./dashboard";
import { compareVietnameseNames } from "./dashboard";
import { generateCode, JOIN_CODE_LENGTH } from "./codes";
import { supplyUnitFromClass } from "~/modules/units/units.server";

/**
 * Classes and their members. Every function that reads or changes a class's learners takes the
 * instructor's id (`ownerId`) and finds nothing for a class that is not theirs; the routes turn
 * that into a 404.
 */

type Executor = Pick<Database, "selectFrom" | "insertInto" | "updateTable" | "deleteFrom">;

const isUniqueViolation = (error: unknown) => /unique|duplicate/i.test(String((error as Error)?.message));

export async function createClass(
  db: Database,
  {
    ownerId,
    name,
    place,
    schedule,
    unitCode = null,
    now = new Date(),
  }: { ownerId: string; name: string; place: string | null; schedule: string | null; unitCode?: string | null; now?: Date },
): Promise<Class> {
  const at = now.toISOString();
  for (let attempt = 0; ; attempt++) {
    const row: Class = {
      id: randomUUID(),
      owner_id: ownerId,
      name,
      place,
      schedule,
      join_code: generateCode(JOIN_CODE_LENGTH, randomInt),
      joining_closed_at: null,
      archived_at: null,
      created_at: at,
      updated_at: at,
      unit_code: unitCode,
    };
    try {
      await db.insertInto("classes").values(row).execute();
      return row;
    } catch (error) {
      // A join code already in use: draw another (27^6 ≈ 387 million codes).
      if (!isUniqueViolation(error) || attempt >= 5) throw error;
    }
  }
}

export async function updateClass(
  db: Database,
  {
    classId,
    ownerId,
    name,
    place,
    schedule,
  }: { classId: string; ownerId: string; name: string; place: string | null; schedule: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable("classes")
    .set({ name, place, schedule, updated_at: new Date().toISOString() })
    .where("id", "=", classId)
    .where("owner_id", "=", ownerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The class, only if this instructor owns it. */
export async function getOwnedClass(db: Database, { classId, ownerId }: { classId: string; ownerId: string }): Promise<Class | null> {
  return (await db.selectFrom("classes").selectAll().where("id", "=", classId).where("owner_id", "=", ownerId).executeTakeFirst()) ?? null;
}

export async function listOwnedClasses(db: Database, { ownerId }: { ownerId: string }) {
  const classes = await db.selectFrom("classes").selectAll().where("owner_id", "=", ownerId).orderBy("created_at", "desc").execute();
  if (!classes.length) return [];
  const counts = await db
    .selectFrom("class_members")
    .select(["class_id", (eb) => eb.fn.countAll<string | number>().as("n")])
    .where(
      "class_id",
      "in",
      classes.map((c) => c.id),
    )
    .where("left_at", "is", null)
    .groupBy("class_id")
    .execute();
  const byClass = new Map(counts.map((c) => [c.class_id, Number(c.n)]));
  return classes.map((c) => ({ ...c, memberCount: byClass.get(c.id) ?? 0 }));
}

/** What someone with the join code may see before joining: the class's name, place, schedule, teacher's name. */
export async function findClassByCode(db: Database, { code }: { code: string }) {
  return (
    (await db
      .selectFrom("classes")
      .innerJoin("learners", "learners.id", "classes.owner_id")
      .select([
        "classes.id",
        "classes.name",
        "classes.place",
        "classes.schedule",
        "classes.join_code",
        "classes.joining_closed_at",
        "classes.archived_at",
        "learners.display_name as ownerName",
      ])
      .where("classes.join_code", "=", code)
      .executeTakeFirst()) ?? null
  );
}

/**
 * Joins (or re-joins after leaving). The class's owner cannot join their own class as a learner;
 * someone the instructor removed stays out until the instructor adds them back; a closed class
 * (archived, or joining stopped) takes no one.
 */
export async function joinClass(
  db: Database,
  { classId, learnerId, now = new Date() }: { classId: string; learnerId: string; now?: Date },
): Promise<"joined" | "already" | "owner" | "removed" | "closed"> {
  return db.transaction().execute(async (trx) => {
    const klass = await trx
      .selectFrom("classes")
      .select(["owner_id", "joining_closed_at", "archived_at"])
      .where("id", "=", classId)
      .executeTakeFirst();
    if (!klass) throw new Error("no such class");
    if (klass.owner_id === learnerId) return "owner" as const;
    const member = await trx
      .selectFrom("class_members")
      .select(["left_at", "left_reason"])
      .where("class_id", "=", classId)
      .where("learner_id", "=", learnerId)
      .executeTakeFirst();
    if (member && member.left_at === null) return "already" as const;
    if (member?.left_reason === "removed") return "removed" as const;
    if (klass.joining_closed_at !== null || klass.archived_at !== null) return "closed" as const;
    if (member) {
      await trx
        .updateTable("class_members")
        .set({ left_at: null, left_reason: null, joined_at: now.toISOString() })
        .where("class_id", "=", classId)
        .where("learner_id", "=", learnerId)
        .execute();
    } else {
      await trx
        .insertInto("class_members")
        .values({ class_id: classId, learner_id: learnerId, joined_at: now.toISOString(), left_at: null, left_reason: null })
        .onConflict((oc) => oc.columns(["class_id", "learner_id"]).doNothing())
        .execute();
    }
    // A class that belongs to a unit gives it to a learner who has none.
    await supplyUnitFromClass(trx, { learnerId, classId, now });
    return "joined" as const;
  });
}

/** Sets or clears one of the class's "closed" times (joining stopped, or the whole class closed). */
async function setClosed(
  db: Database,
  {
    classId,
    ownerId,
    column,
    closed,
    now,
  }: { classId: string; ownerId: string; column: "joining_closed_at" | "archived_at"; closed: boolean; now: Date },
): Promise<boolean> {
  const at = now.toISOString();
  const result = await db
    .updateTable("classes")
    .set({ [column]: closed ? at : null, updated_at: at })
    .where("id", "=", classId)
    .where("owner_id", "=", ownerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The owner closes joining (the join link then says the class takes no new members) or reopens it. */
export function setJoiningOpen(
  db: Database,
  { classId, ownerId, open, now = new Date() }: { classId: string; ownerId: string; open: boolean; now?: Date },
): Promise<boolean> {
  return setClosed(db, { classId, ownerId, column: "joining_closed_at", closed: !open, now });
}

/** Closes a class (archive) or reopens it. A closed class keeps everything and takes no one new. */
export function setArchived(
  db: Database,
  { classId, ownerId, archived, now = new Date() }: { classId: string; ownerId: string; archived: boolean; now?: Date },
): Promise<boolean> {
  return setClosed(db, { classId, ownerId, column: "archived_at", closed: archived, now });
}

/** A new join code: the old code and its link (and posters) stop working at once. Returns the new code. */
export async function renewJoinCode(
  db: Database,
  { classId, ownerId, now = new Date() }: { classId: string; ownerId: string; now?: Date },
): Promise<string | null> {
  for (let attempt = 0; ; attempt++) {
    const code = generateCode(JOIN_CODE_LENGTH, randomInt);
    try {
      const result = await db
        .updateTable("classes")
        .set({ join_code: code, updated_at: now.toISOString() })
        .where("id", "=", classId)
        .where("owner_id", "=", ownerId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0 ? code : null;
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 5) throw error;
    }
  }
}

/** The instructor adds back someone who left or was removed (their work was never lost). */
export async function addBackMember(
  db: Database,
  { classId, ownerId, learnerId, now = new Date() }: { classId: string; ownerId: string; learnerId: string; now?: Date },
): Promise<boolean> {
  if (!(await getOwnedClass(db, { classId, ownerId }))) return false;
  const result = await db
    .updateTable("class_members")
    .set({ left_at: null, left_reason: null, joined_at: now.toISOString() })
    .where("class_id", "=", classId)
    .where("learner_id", "=", learnerId)
    .where("left_at", "is not", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Changes the due date of a module already assigned (null: no due date). */
export async function setDueDate(
  db: Database,
  { classId, ownerId, moduleId, dueDate }: { classId: string; ownerId: string; moduleId: string; dueDate: string | null },
): Promise<boolean> {
  if (!(await getOwnedClass(db, { classId, ownerId }))) return false;
  const result = await db
    .updateTable("class_assignments")
    .set({ due_date: dueDate })
    .where("class_id", "=", classId)
    .where("module_id", "=", moduleId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Adds learners an instructor just created to the instructor's class. */
export async function addMembers(
  db: Executor,
  { classId, learnerIds, now = new Date() }: { classId: string; learnerIds: string[]; now?: Date },
) {
  for (const learnerId of learnerIds) {
    await db
      .insertInto("class_members")
      .values({ class_id: classId, learner_id: learnerId, joined_at: now.toISOString(), left_at: null, left_reason: null })
      .onConflict((oc) => oc.columns(["class_id", "learner_id"]).doNothing())
      .execute();
  }
}

/** A learner leaves; their attempts and progress stay theirs. */
export async function leaveClass(
  db: Database,
  { classId, learnerId, now = new Date() }: { classId: string; learnerId: string; now?: Date },
): Promise<boolean> {
  const result = await db
    .updateTable("class_members")
    .set({ left_at: now.toISOString(), left_reason: "left" })
    .where("class_id", "=", classId)
    .where("learner_id", "=", learnerId)
    .where("left_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The class's instructor removes a learner; the learner keeps everything they did. */
export async function removeMember(
  db: Database,
  { classId, ownerId, learnerId, now = new Date() }: { classId: string; ownerId: string; learnerId: string; now?: Date },
): Promise<boolean> {
  if (!(await getOwnedClass(db, { classId, ownerId }))) return false;
  const result = await db
    .updateTable("class_members")
    .set({ left_at: now.toISOString(), left_reason: "removed" })
    .where("class_id", "=", classId)
    .where("learner_id", "=", learnerId)
    .where("left_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface Member {
  id: string;
  name: string;
  username: string | null;
  kind: "guest" | "account";
  birthYear: number | null;
  place: string | null;
  joinedAt: string;
  /** Logs in with a PIN (an account a facilitator created). */
  pin: boolean;
  /** Too many wrong PINs from elsewhere: devices the learner never used wait this long (0: none). */
  pinWaitSeconds: number;
  locked: boolean;
}

/** The class's current members (sorted by given name) and those who left or were removed. */
export async function listMembers(
  db: Database,
  { classId }: { classId: string },
): Promise<{ active: Member[]; former: { id: string; name: string; leftAt: string; reason: string | null }[] }> {
  const rows = await db
    .selectFrom("class_members")
    .innerJoin("learners", "learners.id", "class_members.learner_id")
    .leftJoin("learner_profiles", "learner_profiles.learner_id", "learners.id")
    .leftJoin("learner_pins", "learner_pins.learner_id", "learners.id")
    .select([
      "learners.id",
      "learners.display_name",
      "learners.username",
      "learners.kind",
      "learner_profiles.birth_year",
      "learner_profiles.place",
      "class_members.joined_at",
      "class_members.left_at",
      "class_members.left_reason",
      "learner_pins.pin_hash",
    ])
    .where("class_members.class_id", "=", classId)
    .execute();
  const active: Member[] = [];
  const former: { id: string; name: string; leftAt: string; reason: string | null }[] = [];
  for (const r of rows) {
    const name = r.display_name ?? r.username ?? "";
    if (r.left_at) {
      former.push({ id: r.id, name, leftAt: r.left_at, reason: r.left_reason });
      continue;
    }
    active.push({
      id: r.id,
      name,
      username: r.username,
      kind: liveKind(r.kind),
      birthYear: r.birth_year === null ? null : Number(r.birth_year),
      place: r.place,
      joinedAt: r.joined_at,
      pin: r.pin_hash !== null,
      pinWaitSeconds: 0,
      locked: false,
    });
  }
  const waits = await pinWaits(db, { learners: active.filter((m) => m.pin) });
  for (const m of active) {
    m.pinWaitSeconds = waits.get(m.id) ?? 0;
    m.locked = m.pinWaitSeconds > 0;
  }
  active.sort((a, b) => compareVietnameseNames(a.name, b.name));
  former.sort((a, b) => b.leftAt.localeCompare(a.leftAt));
  return { active, former };
}

/** One current member of a class this instructor owns, or null (a learner of someone else's class, a former member…). */
export async function getMemberOfOwnedClass(
  db: Database,
  { classId, ownerId, learnerId }: { classId: string; ownerId: string; learnerId: string },
): Promise<Member | null> {
  if (!(await getOwnedClass(db, { classId, ownerId }))) return null;
  const { active } = await listMembers(db, { classId });
  return active.find((m) => m.id === learnerId) ?? null;
}

/** Whether the class's instructor removed this learner (who then stays out until added back). */
export async function wasRemoved(db: Database, { classId, learnerId }: { classId: string; learnerId: string }): Promise<boolean> {
  const row = await db
    .selectFrom("class_members")
    .select("left_reason")
    .where("class_id", "=", classId)
    .where("learner_id", "=", learnerId)
    .where("left_at", "is not", null)
    .executeTakeFirst();
  return row?.left_reason === "removed";
}

export async function isActiveMember(db: Database, { classId, learnerId }: { classId: string; learnerId: string }): Promise<boolean> {
  const row = await db
    .selectFrom("class_members")
    .select("learner_id")
    .where("class_id", "=", classId)
    .where("learner_id", "=", learnerId)
    .where("left_at", "is", null)
    .executeTakeFirst();
  return !!row;
}

export async function assignModule(
  db: Database,
  {
    classId,
    ownerId,
    moduleId,
    dueDate,
    now = new Date(),
  }: { classId: string; ownerId: string; moduleId: string; dueDate: string | null; now?: Date },
): Promise<boolean> {
  if (!(await getOwnedClass(db, { classId, ownerId }))) return false;
  await db
    .insertInto("class_assignments")
    .values({ class_id: classId, module_id: moduleId, due_date: dueDate, assigned_at: now.toISOString(), assigned_by: ownerId })
    .onConflict((oc) => oc.columns(["class_id", "module_id"]).doUpdateSet({ due_date: dueDate }))
    .execute();
  return true;
}

export async function unassignModule(
  db: Database,
  { classId, ownerId, moduleId }: { classId: string; ownerId: string; moduleId: string },
): Promise<boolean> {
  if (!(await getOwnedClass(db, { classId, ownerId }))) return false;
  const result = await db
    .deleteFrom("class_assignments")
    .where("class_id", "=", classId)
    .where("module_id", "=", moduleId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function listAssignments(db: Database, { classId }: { classId: string }) {
  return db
    .selectFrom("class_assignments")
    .select(["module_id", "due_date", "assigned_at"])
    .where("class_id", "=", classId)
    .orderBy("assigned_at")
    .orderBy("module_id")
    .execute();
}

/** Everything assigned to a learner in the classes they are in now, soonest due first. */
export async function assignedWork(db: Database, { learnerId }: { learnerId: string }) {
  const rows = await db
    .selectFrom("class_members")
    .innerJoin("classes", "classes.id", "class_members.class_id")
    .innerJoin("class_assignments", "class_assignments.class_id", "classes.id")
    .select([
      "classes.id as classId",
      "classes.name as className",
      "class_assignments.module_id as moduleId",
      "class_assignments.due_date as dueDate",
    ])
    .where("class_members.learner_id", "=", learnerId)
    .where("class_members.left_at", "is", null)
    .execute();
  return rows.sort((a, b) => (a.dueDate ?? "9999").localeCompare(b.dueDate ?? "9999") || a.className.localeCompare(b.className));
}

/** The classes a learner is in now. */
export async function myClasses(db: Database, { learnerId }: { learnerId: string }) {
  return db
    .selectFrom("class_members")
    .innerJoin("classes", "classes.id", "class_members.class_id")
    .innerJoin("learners as owner", "owner.id", "classes.owner_id")
    .select([
      "classes.id",
      "classes.name",
      "classes.place",
      "classes.schedule",
      "owner.display_name as ownerName",
      "class_members.joined_at",
    ])
    .where("class_members.learner_id", "=", learnerId)
    .where("class_members.left_at", "is", null)
    .orderBy("class_members.joined_at", "desc")
    .execute();
}

/** Progress of many learners at once (one query), by learner id. */
export async function progressOfLearners(db: Database, { learnerIds }: { learnerIds: string[] }): Promise<Map<string, ProgressOf>> {
  const result = new Map<string, { lessons: Map<string, ItemProgress>; practices: Map<string, ItemProgress> }>();
  if (!learnerIds.length) return result;
  const rows = await db
    .selectFrom("progress")
    .select(["learner_id", "item_kind", "item_id", "passed", "attempt_count", "best_score", "last_attempt_at"])
    .where("learner_id", "in", learnerIds)
    .execute();
  for (const r of rows) {
    let p = result.get(r.learner_id);
    if (!p) result.set(r.learner_id, (p = { lessons: new Map(), practices: new Map() }));
    (r.item_kind === "practice" ? p.practices : p.lessons).set(r.item_id, {
      passed: Number(r.passed),
      attempt_count: Number(r.attempt_count),
      best_score: Number(r.best_score),
      last_attempt_at: r.last_attempt_at,
    });
  }
  return result;
}

/** A learner's attempts, newest first (for the instructor's page about one learner). */
export async function attemptsOf(db: Database, { learnerId, limit = 200 }: { learnerId: string; limit?: number }) {
  const rows = await db
    .selectFrom("attempts")
    .select(["id", "module_id", "item_kind", "item_id", "score", "passed", "created_at"])
    .where("learner_id", "=", learnerId)
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, score: Number(r.score), passed: Number(r.passed) }));
}

/**
 * A guest who logs in to an existing account brings their class memberships and follow links
 * along (called inside the merge's transaction, before the guest row is deleted).
 */
export async function moveClassData(db: Executor, { fromId, toId }: { fromId: string; toId: string }): Promise<void> {
  const memberships = await db.selectFrom("class_members").selectAll().where("learner_id", "=", fromId).execute();
  for (const m of memberships) {
    await db
      .insertInto("class_members")
      .values({ ...m, learner_id: toId })
      .onConflict((oc) => oc.columns(["class_id", "learner_id"]).doUpdateSet({ left_at: m.left_at, left_reason: m.left_reason }))
      .execute();
  }
  await db.deleteFrom("class_members").where("learner_id", "=", fromId).execute();
  const attendance = await db.selectFrom("class_attendance").selectAll().where("learner_id", "=", fromId).execute();
  for (const a of attendance) {
    await db
      .insertInto("class_attendance")
      .values({ ...a, learner_id: toId })
      .onConflict((oc) => oc.columns(["session_id", "learner_id"]).doNothing())
      .execute();
  }
  await db.deleteFrom("class_attendance").where("learner_id", "=", fromId).execute();
  await db.updateTable("follow_links").set({ followed_id: toId }).where("followed_id", "=", fromId).execute();
  await db.updateTable("follow_links").set({ follower_id: toId }).where("follower_id", "=", fromId).execute();
}

/** Whether an instructor may manage this learner's login: a current member of one of their classes. */
export async function instructorManagesLearner(
  db: Database,
  { ownerId, learnerId }: { ownerId: string; learnerId: string },
): Promise<boolean> {
  const row = await db
    .selectFrom("class_members")
    .innerJoin("classes", "classes.id", "class_members.class_id")
    .select("class_members.learner_id")
    .where("classes.owner_id", "=", ownerId)
    .where("class_members.learner_id", "=", learnerId)
    .where("class_members.left_at", "is", null)
    .executeTakeFirst();
  return !!row;
}

/** Gives a learner who has no name yet (a guest) the name they typed when joining or agreeing to share. */
export async function setNameIfMissing(db: Database, { learnerId, name }: { learnerId: string; name: string }): Promise<void> {
  await db
    .updateTable("learners")
    .set({ display_name: name, updated_at: new Date().toISOString() })
    .where("id", "=", learnerId)
    .where("display_name", "is", null)
    .execute();
}
