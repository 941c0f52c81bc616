import { randomInt, randomUUID } from "node:crypto";
import type { Database } from "#db/client";
import type { FollowLink } from "#db/schema";
import { generateCode, INVITE_CODE_LENGTH } from "./codes";

/**
 * Mentors (Đại sứ số) and families (Gia đình số): the follower creates an invitation; the invited
 * person reads what will be shared and agrees (or declines) before anything is; either side can
 * end it at any time. A follower only ever sees a person through an accepted, unended link.
 */

export const INVITE_DAYS = 14;
/** The plans ask each Đại sứ số to guide at least five people. */
export const MENTEE_TARGET = 5;

export type FollowKind = FollowLink["kind"];

export async function createInvite(
  db: Database,
  { followerId, kind, note = null, now = new Date() }: { followerId: string; kind: FollowKind; note?: string | null; now?: Date },
): Promise<FollowLink> {
  for (let attempt = 0; ; attempt++) {
    const link: FollowLink = {
      id: randomUUID(),
      kind,
      follower_id: followerId,
      followed_id: null,
      invite_code: generateCode(INVITE_CODE_LENGTH, randomInt),
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + INVITE_DAYS * 86_400_000).toISOString(),
      accepted_at: null,
      ended_at: null,
      ended_by: null,
      declined_at: null,
      note,
    };
    try {
      await db.insertInto("follow_links").values(link).execute();
      return link;
    } catch (error) {
      if (!/unique|duplicate/i.test(String((error as Error)?.message)) || attempt >= 5) throw error;
    }
  }
}

/** An invitation that can still be answered, with the follower's name. */
export async function findOpenInvite(db: Database, { code, now = new Date() }: { code: string; now?: Date }) {
  return (
    (await db
      .selectFrom("follow_links")
      .innerJoin("learners", "learners.id", "follow_links.follower_id")
      .select([
        "follow_links.id",
        "follow_links.kind",
        "follow_links.follower_id",
        "follow_links.expires_at",
        "learners.display_name as followerName",
      ])
      .where("follow_links.invite_code", "=", code)
      .where("follow_links.followed_id", "is", null)
      .where("follow_links.ended_at", "is", null)
      .where("follow_links.expires_at", ">", now.toISOString())
      .executeTakeFirst()) ?? null
  );
}

export type AnswerResult = "accepted" | "declined" | "gone" | "self" | "already";

/**
 * The invited person agrees (or declines). Each invitation is for one person and answered once: a
 * "No" is recorded even from someone without an account (`learnerId` null, no guest is made for it),
 * and ends the invitation, so the same link can never be accepted afterwards.
 */
export async function answerInvite(
  db: Database,
  { code, learnerId, agree, now = new Date() }: { code: string; learnerId: string | null; agree: boolean; now?: Date },
): Promise<AnswerResult> {
  const invite = await findOpenInvite(db, { code, now });
  if (!invite) return "gone";
  if (learnerId && invite.follower_id === learnerId) return "self";
  const at = now.toISOString();
  if (!agree || !learnerId) {
    const result = await db
      .updateTable("follow_links")
      .set({ ended_at: at, ended_by: learnerId, declined_at: at })
      .where("id", "=", invite.id)
      .where("followed_id", "is", null)
      .where("ended_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0 ? "declined" : "gone";
  }
  const existing = await db
    .selectFrom("follow_links")
    .select("id")
    .where("follower_id", "=", invite.follower_id)
    .where("followed_id", "=", learnerId)
    .where("accepted_at", "is not", null)
    .where("ended_at", "is", null)
    .executeTakeFirst();
  if (existing) return "already";
  const result = await db
    .updateTable("follow_links")
    .set({ followed_id: learnerId, accepted_at: at })
    .where("id", "=", invite.id)
    .where("followed_id", "is", null)
    .where("ended_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0 ? "accepted" : "gone";
}

/** Either side ends a link (or the follower withdraws an unanswered invitation). */
export async function endLink(
  db: Database,
  { linkId, learnerId, now = new Date() }: { linkId: string; learnerId: string; now?: Date },
): Promise<boolean> {
  const result = await db
    .updateTable("follow_links")
    .set({ ended_at: now.toISOString(), ended_by: learnerId })
    .where("id", "=", linkId)
    .where("ended_at", "is", null)
    .where((eb) => eb.or([eb("follower_id", "=", learnerId), eb("followed_id", "=", learnerId)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** How long a declined invitation stays on the mentor's list ("đã từ chối"), so they learn the answer. */
export const DECLINED_SHOWN_DAYS = 30;

/**
 * The people a follower sees now (accepted, not ended), their unanswered invitations, and the
 * invitations declined in the last 30 days, each with the note saying whom it was meant for.
 */
export async function listFollowing(db: Database, { followerId, now = new Date() }: { followerId: string; now?: Date }) {
  const declinedSince = new Date(now.getTime() - DECLINED_SHOWN_DAYS * 86_400_000).toISOString();
  const rows = await db
    .selectFrom("follow_links")
    .leftJoin("learners", "learners.id", "follow_links.followed_id")
    .select([
      "follow_links.id",
      "follow_links.kind",
      "follow_links.followed_id",
      "follow_links.invite_code",
      "follow_links.created_at",
      "follow_links.expires_at",
      "follow_links.accepted_at",
      "follow_links.ended_at",
      "follow_links.declined_at",
      "follow_links.note",
      "learners.display_name as name",
      "learners.username",
    ])
    .where("follow_links.follower_id", "=", followerId)
    .where((eb) => eb.or([eb("follow_links.ended_at", "is", null), eb("follow_links.declined_at", ">", declinedSince)]))
    .orderBy("follow_links.created_at", "desc")
    .execute();
  const at = now.toISOString();
  const open = rows.filter((r) => !r.ended_at);
  return {
    people: open
      .filter((r) => r.accepted_at && r.followed_id)
      .map((r) => ({
        id: r.id,
        kind: r.kind,
        learnerId: r.followed_id!,
        name: r.name ?? r.username ?? "",
        since: r.accepted_at!,
        note: r.note ?? null,
      })),
    invites: open
      .filter((r) => !r.accepted_at && r.expires_at > at)
      .map((r) => ({ id: r.id, kind: r.kind, code: r.invite_code, expiresAt: r.expires_at, note: r.note ?? null })),
    declined: rows.filter((r) => r.declined_at).map((r) => ({ id: r.id, kind: r.kind, declinedAt: r.declined_at!, note: r.note ?? null })),
  };
}

/** Who can see this learner's progress now. */
export async function listFollowers(db: Database, { learnerId }: { learnerId: string }) {
  const rows = await db
    .selectFrom("follow_links")
    .innerJoin("learners", "learners.id", "follow_links.follower_id")
    .select(["follow_links.id", "follow_links.kind", "follow_links.accepted_at", "learners.display_name as name", "learners.username"])
    .where("follow_links.followed_id", "=", learnerId)
    .where("follow_links.ended_at", "is", null)
    .where("follow_links.accepted_at", "is not", null)
    .orderBy("follow_links.accepted_at", "desc")
    .execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, name: r.name ?? r.username ?? "", since: r.accepted_at! }));
}

/** The followed person behind a link, only for its follower and only while it is in force. */
export async function getFollowedPerson(db: Database, { linkId, followerId }: { linkId: string; followerId: string }) {
  return (
    (await db
      .selectFrom("follow_links")
      .innerJoin("learners", "learners.id", "follow_links.followed_id")
      .select([
        "follow_links.id",
        "follow_links.kind",
        "follow_links.accepted_at",
        "learners.id as learnerId",
        "learners.display_name as name",
        "learners.username",
      ])
      .where("follow_links.id", "=", linkId)
      .where("follow_links.follower_id", "=", followerId)
      .where("follow_links.accepted_at", "is not", null)
      .where("follow_links.ended_at", "is", null)
      .executeTakeFirst()) ?? null
  );
}

/**
 * For a follower whose link has ended: who ended it ("them": the followed person stopped sharing,
 * "me": the follower stopped). Null for any link that was never theirs, so nothing leaks to others.
 */
export async function endedLinkOf(db: Database, { linkId, followerId }: { linkId: string; followerId: string }) {
  const row = await db
    .selectFrom("follow_links")
    .select(["ended_by", "followed_id", "follower_id"])
    .where("id", "=", linkId)
    .where("follower_id", "=", followerId)
    .where("accepted_at", "is not", null)
    .where("ended_at", "is not", null)
    .executeTakeFirst();
  if (!row) return null;
  return row.ended_by === row.follower_id ? ("me" as const) : ("them" as const);
}
