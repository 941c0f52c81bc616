import { randomUUID } from "node:crypto";
import type { Database } from "#db/client";
import type { Attempt, ItemKind } from "#db/schema";
import { isPassing } from "./mastery";
import { mayChangeMilestones } from "./milestones";
import { refreshMilestones } from "./milestones.server";
import { addAttemptToProgress } from "./progress.server";
import { getCourseShape } from "./shape.server";

/** A lesson's quiz or a practice simulation of a module. */
export interface ItemRef {
  kind: ItemKind;
  id: string;
  moduleId: string;
}

/** Selected option ids (or ordered step ids) per question or task id. */
export type StoredAnswers = Record<string, string[]>;

export interface Graded {
  correctCount: number;
  totalCount: number;
  /** Whole percent, 0–100. */
  score: number;
}

/** An attempt key already used by this learner for another lesson or practice. */
export class AttemptKeyConflict extends Error {
  constructor() {
    super("attempt key already used for another item");
  }
}

async function findKeyedAttempt(db: Database, { learnerId, key, item }: { learnerId: string; key: string; item: ItemRef }) {
  const row = await db
    .selectFrom("attempts")
    .select(["id", "passed", "item_kind", "item_id", "module_id"])
    .where("learner_id", "=", learnerId)
    .where("idempotency_key", "=", key)
    .executeTakeFirst();
  if (!row) return null;
  if (row.item_kind !== item.kind || row.item_id !== item.id || row.module_id !== item.moduleId) throw new AttemptKeyConflict();
  return { id: row.id, passed: Number(row.passed) === 1, replayed: true };
}

/**
 * Stores a graded attempt and refreshes the learner's summary of that item and their report
 * milestones (module_progress, learner_milestones) in one transaction: all are written or none.
 * The summary row gains the attempt (it is not rebuilt from every attempt), and the milestones are
 * recomputed only when the attempt may have changed them (`mayChangeMilestones`): a lesson
 * answered again costs four statements, not ten. With an idempotency key, an attempt this learner
 * already sent with the same key is returned instead of recording a second one (`replayed`), even
 * when the two arrive at the same moment; a new key costs no extra statement (the insert skips a
 * used one, and only then is the earlier attempt read).
 */
export async function recordAttempt(
  db: Database,
  input: {
    learnerId: string;
    item: ItemRef;
    locale: string;
    answers: StoredAnswers;
    graded: Graded;
    passMark: number;
    now?: Date;
    idempotencyKey?: string | null;
    /** The seed of the order a quiz's options were shown in (quizzes only; null: file order). */
    shuffleSeed?: number | null;
  },
): Promise<{ id: string; passed: boolean; replayed: boolean }> {
  const key = input.idempotencyKey ?? null;
  const id = randomUUID();
  const passed = isPassing(input.graded.correctCount, input.graded.totalCount, input.passMark);
  let stored: boolean;
  try {
    stored = await insertAttempt(db, input, { id, passed, key });
  } catch (error) {
    // Two copies raced (and the database refused the second instead of skipping it): answer with the one let in.
    const earlier = key ? await findKeyedAttempt(db, { learnerId: input.learnerId, key, item: input.item }) : null;
    if (earlier) return earlier;
    throw error;
  }
  if (!stored) {
    // The key was used before by this learner (a resend, or two copies at once): that attempt is the answer.
    const earlier = await findKeyedAttempt(db, { learnerId: input.learnerId, key: key!, item: input.item });
    if (earlier) return earlier;
    throw new Error("an attempt key was refused but no attempt holds it");
  }
  return { id, passed, replayed: false };
}

async function insertAttempt(
  db: Database,
  input: {
    learnerId: string;
    item: ItemRef;
    locale: string;
    answers: StoredAnswers;
    graded: Graded;
    now?: Date;
    shuffleSeed?: number | null;
  },
  { id, passed, key }: { id: string; passed: boolean; key: string | null },
): Promise<boolean> {
  const shape = await getCourseShape();
  const created_at = (input.now ?? new Date()).toISOString();
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("attempts")
      .values({
        id,
        learner_id: input.learnerId,
        module_id: input.item.moduleId,
        item_kind: input.item.kind,
        item_id: input.item.id,
        locale: input.locale,
        answers: JSON.stringify(input.answers),
        correct_count: input.graded.correctCount,
        total_count: input.graded.totalCount,
        score: input.graded.score,
        passed: passed ? 1 : 0,
        created_at,
        ...(key ? { idempotency_key: key } : {}),
        ...(input.shuffleSeed ? { shuffle_seed: input.shuffleSeed } : {}),
      })
      // With a key already used by this learner, nothing is written (the unique index on learner ×
      // key): the caller answers with the earlier attempt. No read before the write is needed.
      .$if(key !== null, (q) => q.onConflict((oc) => oc.doNothing()))
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    const attempt = { score: input.graded.score, passed, created_at };
    const summary = await addAttemptToProgress(trx, { learnerId: input.learnerId, item: input.item, attempt });
    if (mayChangeMilestones(summary, attempt))
      await refreshMilestones(trx, { learnerId: input.learnerId, moduleIds: [input.item.moduleId], shape });
    return true;
  });
}

export type StoredAttempt = Omit<Attempt, "answers"> & { answers: StoredAnswers };

/** One attempt, only if it belongs to this learner and to this item. */
export async function getAttempt(
  db: Database,
  { learnerId, attemptId, item }: { learnerId: string; attemptId: string; item: ItemRef },
): Promise<StoredAttempt | null> {
  const row = await db
    .selectFrom("attempts")
    .selectAll()
    .where("id", "=", attemptId)
    .where("learner_id", "=", learnerId)
    .where("item_kind", "=", item.kind)
    .where("item_id", "=", item.id)
    .where("module_id", "=", item.moduleId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    ...row,
    correct_count: Number(row.correct_count),
    total_count: Number(row.total_count),
    score: Number(row.score),
    passed: Number(row.passed),
    shuffle_seed: row.shuffle_seed == null ? null : Number(row.shuffle_seed),
    answers: JSON.parse(row.answers) as StoredAnswers,
  };
}

/** A learner's attempts at one item, newest first. */
export async function listAttempts(
  db: Database,
  { learnerId, item, limit = 20 }: { learnerId: string; item: Pick<ItemRef, "kind" | "id">; limit?: number },
): Promise<Pick<Attempt, "id" | "score" | "passed" | "created_at">[]> {
  const rows = await db
    .selectFrom("attempts")
    .select(["id", "score", "passed", "created_at"])
    .where("learner_id", "=", learnerId)
    .where("item_kind", "=", item.kind)
    .where("item_id", "=", item.id)
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, score: Number(r.score), passed: Number(r.passed) }));
}
