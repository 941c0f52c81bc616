import type { Database } from "#db/client";
import { auditAbout } from "~/modules/audit/audit.server";
import { getCourse } from "~/modules/content/course-instance.server";
import { consentsOf } from "./consent.server";
import { recoveryStatus, resetCodesOf } from "./recovery.server";
import { rolesOf } from "./roles.server";
import { liveKind } from "#db/schema";

/**
 * Everything the platform holds about one learner (issue 14), as one plain object: the data page
 * shows it, and it is downloaded as JSON and as a readable page. Nothing secret is included (no
 * password, PIN or code hashes, no session tokens); every attempt is, with its answers.
 */
export const EXPORT_FORMAT = "binh-dan-hoc-vu-so/my-data/v1";

export interface MyData {
  format: typeof EXPORT_FORMAT;
  exportedAt: string;
  account: {
    id: string;
    kind: "guest" | "account";
    displayName: string | null;
    username: string | null;
    createdAt: string;
    updatedAt: string;
    hasPassword: boolean;
    hasPin: boolean;
    roles: string[];
  };
  profile: {
    birthYear: number | null;
    place: string | null;
    unitCode: string | null;
    unitName: string | null;
    audience: string | null;
    createdBy: string | null;
    createdAt: string | null;
    updatedAt: string | null;
  } | null;
  consents: { purpose: string; version: string; givenAt: string; withdrawnAt: string | null; recordedBy: string | null }[];
  classes: { id: string; name: string; instructor: string | null; joinedAt: string; leftAt: string | null; leftReason: string | null }[];
  attendance: { className: string; day: string; present: boolean }[];
  following: { kind: string; person: string | null; since: string | null; endedAt: string | null; invitedAt: string }[];
  followedBy: { kind: string; person: string | null; since: string | null; endedAt: string | null }[];
  attempts: {
    id: string;
    moduleId: string;
    itemKind: string;
    itemId: string;
    locale: string;
    answers: unknown;
    correct: number;
    total: number;
    score: number;
    passed: boolean;
    at: string;
  }[];
  progress: {
    moduleId: string;
    itemKind: string;
    itemId: string;
    attempts: number;
    bestScore: number;
    passed: boolean;
    passedAt: string | null;
  }[];
  certificates: {
    code: string;
    kind: string;
    subjectId: string;
    printedName: string;
    issuedAt: string;
    revokedAt: string | null;
    revokedReason: string | null;
  }[];
  preferences: { textSize: number; contrast: string; updatedAt: string } | null;
  sessions: { device: string | null; startedAt: string; expiresAt: string; current: boolean }[];
  recoveryCodes: { createdAt: string | null; unused: number; total: number };
  resetCodes: { issuedAt: string; expiresAt: string; usedAt: string | null; issuedBy: string | null }[];
  officialOf: string[];
  /** Roles the learner asked for (issue 11), with what they wrote and the answer. */
  roleRequests: { role: string; note: string | null; status: string; createdAt: string; answeredAt: string | null }[];
  staffActionsAboutYou: { at: string; action: string }[];
}

export async function collectMyData(
  db: Database,
  { learnerId, currentSessionId = null, now = new Date() }: { learnerId: string; currentSessionId?: string | null; now?: Date },
): Promise<MyData | null> {
  const learner = await db.selectFrom("learners").selectAll().where("id", "=", learnerId).executeTakeFirst();
  if (!learner) return null;
  const [
    profile,
    pin,
    roles,
    consents,
    classes,
    attendance,
    following,
    followedBy,
    attempts,
    progress,
    certificates,
    preferences,
    sessions,
  ] = await Promise.all([
    db
      .selectFrom("learner_profiles")
      .leftJoin("units", "units.code", "learner_profiles.unit_code")
      .leftJoin("learners as creator", "creator.id", "learner_profiles.created_by")
      .select([
        "learner_profiles.birth_year",
        "learner_profiles.place",
        "learner_profiles.unit_code",
        "units.name as unit_name",
        "learner_profiles.audience",
        "creator.display_name as created_by_name",
        "learner_profiles.created_at",
        "learner_profiles.profile_updated_at",
      ])
      .where("learner_profiles.learner_id", "=", learnerId)
      .executeTakeFirst(),
    db.selectFrom("learner_pins").select("learner_id").where("learner_id", "=", learnerId).executeTakeFirst(),
    rolesOf(db, { learnerId }),
    consentsOf(db, { learnerId }),
    db
      .selectFrom("class_members")
      .innerJoin("classes", "classes.id", "class_members.class_id")
      .leftJoin("learners as owner", "owner.id", "classes.owner_id")
      .select([
        "classes.id",
        "classes.name",
        "owner.display_name as owner",
        "class_members.joined_at",
        "class_members.left_at",
        "class_members.left_reason",
      ])
      .where("class_members.learner_id", "=", learnerId)
      .orderBy("class_members.joined_at")
      .execute(),
    db
      .selectFrom("class_attendance")
      .innerJoin("class_sessions", "class_sessions.id", "class_attendance.session_id")
      .innerJoin("classes", "classes.id", "class_sessions.class_id")
      .select(["classes.name", "class_sessions.day", "class_attendance.present"])
      .where("class_attendance.learner_id", "=", learnerId)
      .orderBy("class_sessions.day")
      .execute(),
    db
      .selectFrom("follow_links")
      .leftJoin("learners as other", "other.id", "follow_links.followed_id")
      .select([
        "follow_links.kind",
        "other.display_name as person",
        "follow_links.accepted_at",
        "follow_links.ended_at",
        "follow_links.created_at",
      ])
      .where("follow_links.follower_id", "=", learnerId)
      .orderBy("follow_links.created_at")
      .execute(),
    db
      .selectFrom("follow_links")
      .leftJoin("learners as other", "other.id", "follow_links.follower_id")
      .select(["follow_links.kind", "other.display_name as person", "follow_links.accepted_at", "follow_links.ended_at"])
      .where("follow_links.followed_id", "=", learnerId)
      .orderBy("follow_links.created_at")
      .execute(),
    db.selectFrom("attempts").selectAll().where("learner_id", "=", learnerId).orderBy("created_at").orderBy("id").execute(),
    db.selectFrom("progress").selectAll().where("learner_id", "=", learnerId).orderBy("module_id").orderBy("item_id").execute(),
    db.selectFrom("certificates").selectAll().where("learner_id", "=", learnerId).orderBy("issued_at").execute(),
    db.selectFrom("learner_preferences").selectAll().where("learner_id", "=", learnerId).executeTakeFirst(),
    db
      .selectFrom("sessions")
      .select(["id", "device", "created_at", "expires_at"])
      .where("learner_id", "=", learnerId)
      .where("expires_at", ">", now.toISOString())
      .orderBy("created_at", "desc")
      .execute(),
  ]);
  const [recovery, resets, officials, audit, requests] = await Promise.all([
    recoveryStatus(db, { learnerId }),
    resetCodesOf(db, { learnerId }),
    db.selectFrom("unit_officials").select("unit_code").where("learner_id", "=", learnerId).execute(),
    auditAbout(db, { learnerId }),
    db
      .selectFrom("role_requests")
      .select(["role", "note", "status", "created_at", "answered_at"])
      .where("learner_id", "=", learnerId)
      .orderBy("created_at")
      .execute(),
  ]);
  return {
    format: EXPORT_FORMAT,
    exportedAt: now.toISOString(),
    account: {
      id: learner.id,
      kind: liveKind(learner.kind),
      displayName: learner.display_name,
      username: learner.username,
      createdAt: learner.created_at,
      updatedAt: learner.updated_at,
      hasPassword: !!learner.password_hash,
      hasPin: !!pin,
      roles,
    },
    profile: profile
      ? {
          birthYear: profile.birth_year == null ? null : Number(profile.birth_year),
          place: profile.place,
          unitCode: profile.unit_code,
          unitName: profile.unit_name ?? null,
          audience: profile.audience,
          createdBy: profile.created_by_name ?? null,
          createdAt: profile.created_at,
          updatedAt: profile.profile_updated_at,
        }
      : null,
    consents,
    classes: classes.map((c) => ({
      id: c.id,
      name: c.name,
      instructor: c.owner ?? null,
      joinedAt: c.joined_at,
      leftAt: c.left_at,
      leftReason: c.left_reason,
    })),
    attendance: attendance.map((a) => ({ className: a.name, day: a.day, present: Number(a.present) === 1 })),
    following: following.map((f) => ({
      kind: f.kind,
      person: f.person ?? null,
      since: f.accepted_at,
      endedAt: f.ended_at,
      invitedAt: f.created_at,
    })),
    followedBy: followedBy.map((f) => ({ kind: f.kind, person: f.person ?? null, since: f.accepted_at, endedAt: f.ended_at })),
    attempts: attempts.map((a) => ({
      id: a.id,
      moduleId: a.module_id,
      itemKind: a.item_kind,
      itemId: a.item_id,
      locale: a.locale,
      answers: safeJson(a.answers),
      correct: Number(a.correct_count),
      total: Number(a.total_count),
      score: Number(a.score),
      passed: Number(a.passed) === 1,
      at: a.created_at,
    })),
    progress: progress.map((p) => ({
      moduleId: p.module_id,
      itemKind: p.item_kind,
      itemId: p.item_id,
      attempts: Number(p.attempt_count),
      bestScore: Number(p.best_score),
      passed: Number(p.passed) === 1,
      passedAt: p.passed_at,
    })),
    certificates: certificates.map((c) => ({
      code: c.code,
      kind: c.kind,
      subjectId: c.subject_id,
      printedName: c.printed_name,
      issuedAt: c.issued_at,
      revokedAt: c.revoked_at,
      revokedReason: c.revoked_reason,
    })),
    preferences: preferences
      ? { textSize: Number(preferences.text_size), contrast: preferences.contrast, updatedAt: preferences.updated_at }
      : null,
    sessions: sessions.map((s) => ({
      device: s.device ?? null,
      startedAt: s.created_at,
      expiresAt: s.expires_at,
      current: s.id === currentSessionId,
    })),
    recoveryCodes: recovery,
    resetCodes: resets.map((r) => ({
      issuedAt: r.issued_at,
      expiresAt: r.expires_at,
      usedAt: r.used_at,
      issuedBy: r.issued_by_name ?? null,
    })),
    officialOf: officials.map((o) => o.unit_code),
    staffActionsAboutYou: audit.map((a) => ({ at: a.at, action: a.action })),
    roleRequests: requests.map((r) => ({
      role: r.role,
      note: r.note,
      status: r.status,
      createdAt: r.created_at,
      answeredAt: r.answered_at,
    })),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The file name of a download: "du-lieu-cua-toi-2026-12-01.json". */
export function exportFileName(now: Date, extension: "json" | "html"): string {
  return `du-lieu-cua-toi-${now.toISOString().slice(0, 10)}.${extension}`;
}

/** Ends every session of a learner but this one (their data page). */
export async function endOtherSessions(
  db: Database,
  { learnerId, keepSessionId }: { learnerId: string; keepSessionId: string },
): Promise<number> {
  const result = await db.deleteFrom("sessions").where("learner_id", "=", learnerId).where("id", "!=", keepSessionId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The learner corrects the name they typed (the name on a certificate already issued stays as printed). */
export async function correctDisplayName(
  db: Database,
  { learnerId, displayName, now = new Date() }: { learnerId: string; displayName: string; now?: Date },
) {
  await db.updateTable("learners").set({ display_name: displayName, updated_at: now.toISOString() }).where("id", "=", learnerId).execute();
}

/** Titles of modules, lessons and practices in a locale, keyed "module:<id>", "lesson:<id>", "practice:<id>". */
export async function itemTitles(locale: string): Promise<Record<string, string>> {
  const course = await getCourse();
  const titles: Record<string, string> = {};
  for (const m of course.modules(locale)) {
    titles[`module:${m.id}`] = m.title;
    for (const l of m.lessons) titles[`lesson:${l.id}`] = l.title;
    for (const p of m.practices) titles[`practice:${p.id}`] = p.title;
  }
  return titles;
}
