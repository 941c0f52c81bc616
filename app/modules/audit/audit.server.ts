import { randomUUID } from "node:crypto";
import type { Database } from "#db/client";
import type { AuditAction, AuditDetail, AuditEntry } from "./actions";

export { auditActions, isAuditAction, type AuditAction, type AuditDetail, type AuditEntry } from "./actions";

/**
 * The audit log: what staff did, when, for whom (issue 14). Only ids are stored, never names, so
 * the record survives the deletion of either side's account: deleting an account clears its id
 * here and marks the row (subject_deleted / actor_deleted), and the page then says "a deleted
 * account". Visible to administrators only (/<lang>/admin/audit).
 */
type Executor = Pick<Database, "insertInto" | "updateTable" | "selectFrom">;

export async function recordAudit(
  db: Executor,
  entry: {
    /** The staff member; null for the command line. */
    actorId: string | null;
    action: AuditAction;
    /** The person it was done for (null: none, or an account deleted in the same step). */
    subjectId?: string | null;
    subjectDeleted?: boolean;
    classId?: string | null;
    detail?: AuditDetail;
    now?: Date;
  },
): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      id: randomUUID(),
      at: (entry.now ?? new Date()).toISOString(),
      actor_id: entry.actorId,
      actor_deleted: 0,
      action: entry.action,
      subject_id: entry.subjectId ?? null,
      subject_deleted: entry.subjectDeleted ? 1 : 0,
      class_id: entry.classId ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
    })
    .execute();
}

/** An account is deleted: its rows stay, without its id (and so without any way to its name). */
export async function forgetInAudit(db: Executor, { learnerId }: { learnerId: string }): Promise<void> {
  await db.updateTable("audit_log").set({ subject_id: null, subject_deleted: 1 }).where("subject_id", "=", learnerId).execute();
  await db.updateTable("audit_log").set({ actor_id: null, actor_deleted: 1 }).where("actor_id", "=", learnerId).execute();
}

const PAGE = 100;

/** The newest entries first, optionally of one action, before a time (for paging). Names come from the accounts as they are now. */
export async function listAudit(
  db: Database,
  { action, before, limit = PAGE }: { action?: AuditAction | null; before?: string | null; limit?: number } = {},
): Promise<AuditEntry[]> {
  let query = db
    .selectFrom("audit_log as a")
    .leftJoin("learners as actor", "actor.id", "a.actor_id")
    .leftJoin("learners as subject", "subject.id", "a.subject_id")
    .leftJoin("classes as c", "c.id", "a.class_id")
    .select([
      "a.id",
      "a.at",
      "a.action",
      "a.actor_id",
      "a.actor_deleted",
      "a.subject_id",
      "a.subject_deleted",
      "a.detail",
      "actor.id as actor_found",
      "subject.id as subject_found",
      "actor.display_name as actor_name",
      "actor.username as actor_username",
      "subject.display_name as subject_name",
      "subject.username as subject_username",
      "c.name as class_name",
    ])
    .orderBy("a.at", "desc")
    .orderBy("a.id")
    .limit(limit);
  if (action) query = query.where("a.action", "=", action);
  if (before) query = query.where("a.at", "<", before);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    action: r.action as AuditAction,
    actor: r.actor_found
      ? { kind: "account", name: r.actor_name ?? "", username: r.actor_username ?? "" }
      : Number(r.actor_deleted) === 1 || r.actor_id
        ? { kind: "deleted" }
        : { kind: "commandLine" },
    subject: r.subject_found
      ? { kind: "account", name: r.subject_name ?? "", username: r.subject_username ?? "" }
      : Number(r.subject_deleted) === 1 || r.subject_id
        ? { kind: "deleted" }
        : { kind: "none" },
    className: r.class_name ?? null,
    detail: r.detail ? (JSON.parse(r.detail) as AuditDetail) : {},
  }));
}

/** What the log says about one person (their data page and export): the entries where they are the subject. */
export async function auditAbout(db: Database, { learnerId }: { learnerId: string }) {
  return db
    .selectFrom("audit_log")
    .select(["at", "action", "detail"])
    .where("subject_id", "=", learnerId)
    .orderBy("at", "desc")
    .limit(500)
    .execute();
}
