import type { ColumnType, Insertable, Selectable } from "kysely";

/**
 * The database schema, shared by SQLite and PostgreSQL.
 * Times are ISO-8601 strings and booleans are 0/1 integers so that rows look the same in both
 * dialects (better-sqlite3 binds neither Date nor boolean).
 */
export interface LearnersTable {
  id: string;
  /**
   * "guest": a cookie-only profile; "account": has a username and password; "withdrawn": what the
   * report keeps of a deleted learner — no name, no login (app/modules/reports/withdrawn.server.ts).
   */
  kind: "guest" | "account" | "withdrawn";
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
  /** A short label of the browser it was started in ("Android · Chrome", migration 0011). */
  device?: string | null;
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
/** Every public key that has signed certificates (issue 13): published by kid, marked when revoked. */
export interface CertificateKeysTable {
  /** The first 16 characters of the key's RFC 7638 thumbprint. */
  kid: string;
  /** The Ed25519 public key (JWK "x", base64url). */
  x: string;
  created_at: string;
  /** When another key became current; the key still verifies what it signed. */
  retired_at: string | null;
  /** When the key was revoked (e.g. the private key leaked): no longer trusted. */
  revoked_at: string | null;
  revoked_reason: string | null;
}

export interface CertificatesTable {
  id: string;
  /** Crockford base32 with check symbol, formatted "XXXXX-XXXXX-XXXXX". */
  code: string;
  learner_id: string;
  /** "contest": taking part in (or a prize of) a quiz contest (issue 16), never a course certificate. */
  kind: "module" | "programme" | "contest";
  /** The module id, the programme id, or the contest id. */
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
  /** The certificate's bit in the public revocation list (Bitstring Status List). */
  status_index: ColumnType<number | null, number | null | undefined, number | null>;
}

/** Details a facilitator records for a learner without phone or e-mail (classes, issue 5). */
/** A learner's request for a role (issue 11), answered by an administrator. */
export interface RoleRequestsTable {
  id: string;
  learner_id: string;
  role: Role;
  /** What the person wrote: their school or unit, why they ask. */
  note: string | null;
  status: "pending" | "granted" | "declined";
  created_at: string;
  answered_at: string | null;
  answered_by: string | null;
}

export interface LearnerProfilesTable {
  learner_id: string;
  birth_year: number | null;
  /** Village, hamlet or ward ("thôn", "xóm", "phường"). */
  place: string | null;
  /** The instructor who created the account. */
  created_by: string | null;
  created_at: string;
  /** The learner's unit: a village, or a commune when the village is unknown; NULL is "no unit". */
  unit_code: string | null;
  audience: Audience | null;
  /** When the unit, audience or birth year was last set (by the learner, a facilitator or a class). */
  profile_updated_at: string | null;
}

/**
 * PIN log-in: the PIN's argon2 hash. failed_count, last_failed_at and locked_at are no longer
 * written (migration 0006: wrong PINs are counted in rate_limits, and locks end by time).
 */
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
  /** Set while the owner has closed joining (migration 0006): the join link then says so. */
  joining_closed_at: string | null;
  created_at: string;
  updated_at: string;
  /** The class's unit: joining supplies it to a learner without one. */
  unit_code: string | null;
  /** Set while the class is closed (migration 0013): kept with its history, takes no one, reopenable. */
  archived_at: string | null;
}

/** PINs of just-created learners, sealed with a key only the facilitator's browser holds (migration 0013). */
export interface PinHandoutsTable {
  id: string;
  class_id: string;
  owner_id: string;
  /** base64url(iv ‖ ciphertext ‖ tag) of the JSON list of { id, pin }. */
  sealed: string;
  created_at: string;
  expires_at: string;
}

/**
 * Rate limits shared by every app server (migration 0006), in the shape rate-limiter-flexible's
 * SQLite and PostgreSQL stores use: key = "<limit>:<SHA-256 hex of the parts>", points used in the
 * current window, expire = end of the window in milliseconds since 1970 (the library's format).
 */
export interface RateLimitsTable {
  key: string;
  points: number;
  expire: number | string | null;
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
  /** Set when the facilitator ends the session (issue 18); null while it is open. */
  ended_at?: string | null;
  /** What was taught, in the facilitator's words, written when ending the session. */
  taught?: string | null;
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
  /** When the invited person said no (issue 18); the link is then also ended. */
  declined_at?: string | null;
  /** Whom the follower meant the invitation for, in their words; only they see it. */
  note?: string | null;
}

/** Display preferences of a learner (text size, contrast), so they follow an account to other devices. */
export interface LearnerPreferencesTable {
  learner_id: string;
  /** Percent of the base text size: 100, 125, 150 or 200. */
  text_size: number;
  contrast: "standard" | "high";
  updated_at: string;
}

/** Province → commune (xã, phường, đặc khu) → village or residential group (thôn, ấp, bản, tổ dân phố). */
export type UnitLevel = "province" | "commune" | "village";

/** The audience group a learner says they belong to. */
export type Audience = "public-sector" | "student" | "worker" | "other";

/** The groups targets are set for: "adult" is every adult (the plan's "adults with basic skills"). */
export type TargetAudience = "public-sector" | "student" | "worker" | "adult";

/**
 * An administrative unit. `code` is the statistics office's code; villages created in the site get
 * a generated code such as `<commune code>-T01`. Never deleted: a merged village keeps its row with
 * `merged_into` set (its learners were moved).
 */
export interface UnitsTable {
  code: string;
  name: string;
  level: UnitLevel;
  /** NULL for a root province. */
  parent_code: string | null;
  /** Itself for a province. */
  province_code: string;
  /** Itself for a commune, its parent for a village, NULL for a province. */
  commune_code: string | null;
  merged_into: string | null;
  created_at: string;
  updated_at: string;
}

/** "Official of unit X": sees figures for X and every unit below it, never a learner's name. */
export interface UnitOfficialsTable {
  learner_id: string;
  unit_code: string;
  granted_at: string;
  granted_by: string | null;
}

/** Per unit, year and group: how many people there are and the share to reach. */
export interface UnitTargetsTable {
  unit_code: string;
  year: number;
  audience: TargetAudience;
  /** NULL: not known yet. Never 0. */
  denominator: number | null;
  /** 0–100. */
  target_percent: number;
  updated_at: string;
  updated_by: string | null;
}

/** Report milestones per learner × module (migration 0009), maintained with every attempt. */
export interface ModuleProgressTable {
  learner_id: string;
  module_id: string;
  /** The first attempt at any lesson or practice of the module. */
  started_at: string;
  /** When the last of its lessons and practices was passed, once all are; else null. */
  completed_at: string | null;
  updated_at: string;
}

/** Report milestones per learner (migration 0009): first attempt, first module, every core module. */
export interface LearnerMilestonesTable {
  learner_id: string;
  started_at: string | null;
  first_module_at: string | null;
  core_completed_at: string | null;
  updated_at: string;
}

/** What derived tables were computed for (e.g. the course shape behind the milestones). */
export interface DerivedStateTable {
  name: string;
  value: string;
  updated_at: string;
}

/** One-time recovery codes a learner printed (migration 0011): a selector to find the row, the rest hashed with argon2. */
export interface RecoveryCodesTable {
  id: string;
  learner_id: string;
  selector: string;
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

/** One-time reset codes issued by an instructor of the learner's class or an administrator; a day to use each. */
export interface ResetCodesTable {
  id: string;
  learner_id: string;
  selector: string;
  code_hash: string;
  /** Who issued it (no foreign key: the record stays if that account is deleted; cleared then). */
  issued_by: string | null;
  issued_at: string;
  expires_at: string;
  used_at: string | null;
}

/** What a learner agreed to: the terms, optional profile data, a contest leaderboard. */
export type ConsentPurpose = "terms" | "profile" | "leaderboard";

export interface ConsentsTable {
  learner_id: string;
  purpose: ConsentPurpose;
  /** The version of the privacy text agreed to. */
  version: string;
  given_at: string;
  withdrawn_at: string | null;
  /** A facilitator who recorded it with the learner present (migration 0016); NULL: the learner. */
  recorded_by?: string | null;
}

/** What staff did, when, for whom (app/modules/audit/). Names are never stored, only ids. */
export interface AuditLogTable {
  id: string;
  at: string;
  /** null: the command line, or (actor_deleted = 1) an account since deleted. */
  actor_id: string | null;
  actor_deleted: number;
  action: string;
  /** The person it was done for; cleared (subject_deleted = 1) when their account is deleted. */
  subject_id: string | null;
  subject_deleted: number;
  class_id: string | null;
  /** JSON of non-personal details (a role, a certificate code, a reason). */
  detail: string | null;
}

/** A quiz contest (migration 0014): for a unit (an official's) or a class (an instructor's). */
export interface ContestsTable {
  id: string;
  title: string;
  rules: string;
  owner_id: string | null;
  unit_code: string | null;
  class_id: string | null;
  /** UTC ISO strings; typed and shown in Vietnam time. */
  opens_at: string;
  closes_at: string;
  /** Time allowed per attempt. */
  minutes: number;
  attempts_allowed: number;
  question_count: number;
  /** JSON: module ids whose lesson quizzes are the bank. */
  module_ids: string;
  /** JSON { vi: Quiz, en: Quiz } written for the contest, or null. */
  own_questions: string | null;
  created_at: string;
  updated_at: string;
}

/** One attempt at a contest by one learner (a visitor is a guest learner). */
export interface ContestEntriesTable {
  id: string;
  contest_id: string;
  learner_id: string;
  attempt_no: number;
  display_name: string;
  unit_code: string | null;
  class_id: string | null;
  locale: string;
  /** The options' order (quizzes/shuffle.ts). */
  seed: number;
  /** JSON: the questions drawn, in the order shown. */
  question_refs: string;
  /** JSON { [questionRef]: optionIds[] }: answers saved in time. */
  answers: string;
  started_at: string;
  deadline_at: string;
  submitted_at: string | null;
  /** 1 when the attempt was closed by its deadline (a late submission or none), not by the participant. */
  late: ColumnType<number, number | undefined, number>;
  correct_count: number | null;
  total_count: number;
  score: number | null;
  duration_ms: number | null;
  idempotency_key: string | null;
}

export interface DB {
  learners: LearnersTable;
  sessions: SessionsTable;
  attempts: AttemptsTable;
  progress: ProgressTable;
  learner_roles: LearnerRolesTable;
  certificates: CertificatesTable;
  certificate_keys: CertificateKeysTable;
  learner_profiles: LearnerProfilesTable;
  role_requests: RoleRequestsTable;
  learner_pins: LearnerPinsTable;
  classes: ClassesTable;
  class_members: ClassMembersTable;
  class_assignments: ClassAssignmentsTable;
  class_sessions: ClassSessionsTable;
  class_attendance: ClassAttendanceTable;
  follow_links: FollowLinksTable;
  learner_preferences: LearnerPreferencesTable;
  units: UnitsTable;
  unit_officials: UnitOfficialsTable;
  unit_targets: UnitTargetsTable;
  module_progress: ModuleProgressTable;
  learner_milestones: LearnerMilestonesTable;
  derived_state: DerivedStateTable;
  rate_limits: RateLimitsTable;
  recovery_codes: RecoveryCodesTable;
  reset_codes: ResetCodesTable;
  consents: ConsentsTable;
  audit_log: AuditLogTable;
  contests: ContestsTable;
  contest_entries: ContestEntriesTable;
  pin_handouts: PinHandoutsTable;
}

/** A learner who can be signed in: never a withdrawn one (the lookups below leave those out). */
export type Learner = Omit<Selectable<LearnersTable>, "kind"> & { kind: LiveLearnerKind };
export type LiveLearnerKind = Exclude<LearnersTable["kind"], "withdrawn">;
/** For a kind read straight from the table: a withdrawn learner can do nothing a guest cannot. */
export const liveKind = (kind: LearnersTable["kind"]): LiveLearnerKind => (kind === "account" ? "account" : "guest");
export type NewLearner = Insertable<LearnersTable>;
export type Attempt = Selectable<AttemptsTable>;
export type Progress = Selectable<ProgressTable>;
export type Role = LearnerRolesTable["role"];
export type Certificate = Selectable<CertificatesTable>;
export type Class = Selectable<ClassesTable>;
export type FollowLink = Selectable<FollowLinksTable>;
export type Unit = Selectable<UnitsTable>;
export type UnitTarget = Selectable<UnitTargetsTable>;
export type Contest = Selectable<ContestsTable>;
export type ContestEntry = Selectable<ContestEntriesTable>;
