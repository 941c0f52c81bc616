import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import type { DB } from "#db/schema";
import { vietnamDay, vietnamMidnight } from "./period";

/**
 * Figures already reported stay as numbers when a learner's account is deleted (issue 14) or a
 * counted guest is removed by the retention job. Before the learner row goes, each learner the
 * report counts (an account, or anyone placed in a unit) is replaced by a withdrawn learner: a row
 * with a new random id, no name, login or password, holding only what the report reads — the unit
 * and audience group, the report milestones, module progress and class attendance — with every
 * time rounded down to its Vietnam day (the report's periods start at Vietnam midnight, so no
 * period's figure changes, and no row can be matched to the person by a timestamp). Their
 * certificates move to it, revoked "withdrawn at the holder's request"; the report keeps counting
 * a programme certificate revoked for that reason, since the person did reach the standard.
 *
 * Returns the withdrawn learner's id by the deleted learner's id (absent: nothing was counted).
 */
export const WITHDRAWN_KIND = "withdrawn" as const;

/** The start of the Vietnam day a moment falls in. */
export function toVietnamDay(at: string): string;
export function toVietnamDay(at: string | null): string | null;
export function toVietnamDay(at: string | null): string | null {
  return at === null ? null : vietnamMidnight(vietnamDay(new Date(at)));
}

export async function keepReportedFigures(
  trx: Transaction<DB>,
  learnerIds: readonly string[],
  now = new Date(),
): Promise<Map<string, string>> {
  const replaced = new Map<string, string>();
  if (!learnerIds.length) return replaced;
  const people = await trx
    .selectFrom("learners as l")
    .leftJoin("learner_profiles as p", "p.learner_id", "l.id")
    .select(["l.id", "l.kind", "l.created_at", "p.unit_code", "p.audience", "p.created_at as profile_created_at"])
    .where("l.id", "in", learnerIds)
    .execute();
  const counted = people.filter((p) => p.kind === "account" || p.unit_code !== null);
  if (!counted.length) return replaced;
  for (const p of counted) replaced.set(p.id, randomUUID());
  const idOf = (learnerId: string) => replaced.get(learnerId)!;
  const ids = [...replaced.keys()];
  const today = toVietnamDay(now.toISOString());

  await trx
    .insertInto("learners")
    .values(
      counted.map((p) => ({
        id: idOf(p.id),
        kind: WITHDRAWN_KIND,
        display_name: null,
        username: null,
        password_hash: null,
        created_at: toVietnamDay(p.created_at),
        updated_at: today,
      })),
    )
    .execute();
  await trx
    .insertInto("learner_profiles")
    .values(
      counted.map((p) => ({
        learner_id: idOf(p.id),
        birth_year: null,
        place: null,
        created_by: null,
        created_at: toVietnamDay(p.profile_created_at ?? p.created_at),
        unit_code: p.unit_code,
        audience: p.audience,
        profile_updated_at: null,
      })),
    )
    .execute();

  // A copy of each row for the withdrawn learner, its times rounded down to the Vietnam day.
  const withdrawn = <Row extends { learner_id: string }, Time extends keyof Row>(rows: Row[], times: Time[]) =>
    rows.map((r) => ({
      ...r,
      learner_id: idOf(r.learner_id),
      ...Object.fromEntries(times.map((k) => [k, toVietnamDay(r[k] as string | null)])),
      updated_at: today,
    }));
  const milestones = await trx.selectFrom("learner_milestones").selectAll().where("learner_id", "in", ids).execute();
  if (milestones.length)
    await trx
      .insertInto("learner_milestones")
      .values(withdrawn(milestones, ["started_at", "first_module_at", "core_completed_at"]))
      .execute();
  const modules = await trx.selectFrom("module_progress").selectAll().where("learner_id", "in", ids).execute();
  if (modules.length)
    await trx
      .insertInto("module_progress")
      .values(withdrawn(modules, ["started_at", "completed_at"]))
      .execute();
  // Attendance at other people's classes (a class the learner ran goes with the account).
  const attendance = await trx
    .selectFrom("class_attendance as a")
    .innerJoin("class_sessions as s", "s.id", "a.session_id")
    .innerJoin("classes as c", "c.id", "s.class_id")
    .select(["a.session_id", "a.learner_id", "a.present", "a.marked_at"])
    .where("a.learner_id", "in", ids)
    .where("c.owner_id", "not in", ids)
    .execute();
  if (attendance.length)
    await trx
      .insertInto("class_attendance")
      .values(
        attendance.map((a) => ({
          session_id: a.session_id,
          learner_id: idOf(a.learner_id),
          present: a.present,
          marked_at: toVietnamDay(a.marked_at),
        })),
      )
      .execute();
  for (const [from, to] of replaced) await trx.updateTable("certificates").set({ learner_id: to }).where("learner_id", "=", from).execute();
  return replaced;
}
