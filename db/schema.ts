import type { Insertable, Selectable } from "kysely";

/**
 * The database schema, shared by SQLite and PostgreSQL.
 * Times are ISO-8601 strings and booleans are 0/1 integers so that rows look the same in both
 * dialects (better-sqlite3 binds neither Date nor boolean).
 */
export interface LearnersTable {
  id: string;
  /** "guest": a cookie-only profile; "account": has a username and password. */
  kind: "guest" | "account";
  display_name: string | null;
  /** Normalised login name (lower-case username, or a phone number's digits). */
  username: string | null;
  password_hash: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  /** SHA-256 of the token held in the cookie: a stolen database does not yield live cookies. */
  id: string;
  learner_id: string;
  created_at: string;
  expires_at: string;
}

/** What a learner can attempt in a module: a lesson's quiz or a practice simulation. */
export type ItemKind = "lesson" | "practice";

/** Append-only: every submitted quiz or practice is kept with its answers. */
export interface AttemptsTable {
  id: string;
  learner_id: string;
  module_id: string;
  item_kind: ItemKind;
  item_id: string;
  locale: string;
  /** JSON: { [questionOrTaskId]: string[] } */
  answers: string;
  correct_count: number;
  total_count: number;
  /** Whole percent, 0–100. */
  score: number;
  passed: number;
  created_at: string;
  /** Made by the device for each attempt (offline queue, double taps): one attempt per key and learner. */
  idempotency_key?: string | null;
  /** The seed of the order a quiz's options were shown in (migration 0005); NULL: file order. */
  shuffle_seed?: number | null;
}

/** One summary row per learner × item, recomputed from the attempts. */
export interface ProgressTable {
  learner_id: string;
  item_kind: ItemKind;
  item_id: string;
  module_id: string;
  attempt_count: number;
  best_score: number;
  /** A lesson is mastered, a practice completed, once an attempt reaches the module's pass mark. */
  passed: number;
  passed_at: string | null;
  last_attempt_at: string;
  updated_at: string;
}

/** Roles beyond "learner", granted by an administrator. */
export interface LearnerRolesTable {
  learner_id: string;
  role: "instructor" | "mentor" | "admin";
  granted_at: string;
  granted_by: string | null;
}

/**
 * Certificates: one row per certificate issued, kept after revocation. What is printed (name,
 * titles, issuing unit, dates) is stored as it was at issue, so later content or configuration
 * changes never alter a certificate; `token` is the signed payload its QR code carries.
 */
export interface CertificatesTable {
  id: string;
  /** Crockford base32 with check symbol, formatted "XXXXX-XXXXX-XXXXX". */
  code: string;
  learner_id: string;
  kind: "module" | "programme";
  /** The module id, or the programme id. */
  subject_id: string;
  /** NFC, as the learner confirmed it. */
  printed_name: string;
  /** JSON: { [locale]: title } of what was completed, at issue time. */
  titles: string;
  /** The locale the learner claimed in. */
  locale: string;
  completed_at: string;
  issued_at: string;
  issuer_name: string;
  issuer_name_en: string;
  /** Compact JWS (Ed25519) of the certificate's claims; `key_id` names the key that signed it. */
  token: string;
  key_id: string;
  revoked_at: string | null;
  revoked_reason: string | null;
  revoked_by: string | null;
  /** 1 when the administrator who revoked it lets the learner claim a new one. */
  reissue_allowed: number;
}

/** Details a facilitator records for a learner without phone or e-mail (classes, issue 5). */
export interface LearnerProfilesTable {
  learner_id: string;
  birth_year: number | null;
  /** Village, hamlet or ward ("thôn", "xóm", "phường"). */
  place: string | null;
  /** The instructor who created the account. */
  created_by: string | null;
  created_at: string;
}

/** PIN log-in: argon2 hash and a persistent failure counter (slowed after 5 failures, locked at 20). */
export interface LearnerPinsTable {
  learner_id: string;
  pin_hash: string;
  failed_count: number;
  last_failed_at: string | null;
  locked_at: string | null;
  updated_at: string;
}

export interface ClassesTable {
  id: string;
  owner_id: string;
  name: string;
  place: string | null;
  schedule: string | null;
  /** Six characters from an alphabet without look-alikes (no 0/O, 1/I/L). */
  join_code: string;
  created_at: string;
  updated_at: string;
}

/** Never deleted: leaving or being removed sets left_at, so both sides keep the history. */
export interface ClassMembersTable {
  class_id: string;
  learner_id: string;
  joined_at: string;
  left_at: string | null;
  left_reason: "left" | "removed" | null;
}

export interface ClassAssignmentsTable {
  class_id: string;
  module_id: string;
  /** YYYY-MM-DD (Vietnam time), or null for no due date. */
  due_date: string | null;
  assigned_at: string;
  assigned_by: string | null;
}

/** One community session per class and day. */
export interface ClassSessionsTable {
  id: string;
  class_id: string;
  /** YYYY-MM-DD (Vietnam time). */
  day: string;
  started_at: string;
  /** The lesson shown to the group, if any. */
  module_id: string | null;
  lesson_id: string | null;
}

export interface ClassAttendanceTable {
  session_id: string;
  learner_id: string;
  present: number;
  marked_at: string;
}

/** A mentor (Đại sứ số) or family member (Gia đình số) who follows someone's progress, with consent. */
export interface FollowLinksTable {
  id: string;
  kind: "mentor" | "family";
  follower_id: string;
  /** Null until the invited person agrees. */
  followed_id: string | null;
  invite_code: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  ended_at: string | null;
  ended_by: string | null;
}

/** Display preferences of a learner (text size, contrast), so they follow an account to other devices. */
export interface LearnerPreferencesTable {
  learner_id: string;
  /** Percent of the base text size: 100, 125, 150 or 200. */
  text_size: number;
  contrast: "standard" | "high";
  updated_at: string;
}

export interface DB {
  learners: LearnersTable;
  sessions: SessionsTable;
  attempts: AttemptsTable;
  progress: ProgressTable;
  learner_roles: LearnerRolesTable;
  certificates: CertificatesTable;
  learner_profiles: LearnerProfilesTable;
  learner_pins: LearnerPinsTable;
  classes: ClassesTable;
  class_members: ClassMembersTable;
  class_assignments: ClassAssignmentsTable;
  class_sessions: ClassSessionsTable;
  class_attendance: ClassAttendanceTable;
  follow_links: FollowLinksTable;
  learner_preferences: LearnerPreferencesTable;
}

export type Learner = Selectable<LearnersTable>;
export type NewLearner = Insertable<LearnersTable>;
export type Attempt = Selectable<AttemptsTable>;
export type Progress = Selectable<ProgressTable>;
export type Role = LearnerRolesTable["role"];
export type Certificate = Selectable<CertificatesTable>;
export type Class = Selectable<ClassesTable>;
export type FollowLink = Selectable<FollowLinksTable>;
