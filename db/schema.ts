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

export interface DB {
  learners: LearnersTable;
  sessions: SessionsTable;
  attempts: AttemptsTable;
  progress: ProgressTable;
  learner_roles: LearnerRolesTable;
  certificates: CertificatesTable;
}

export type Learner = Selectable<LearnersTable>;
export type NewLearner = Insertable<LearnersTable>;
export type Attempt = Selectable<AttemptsTable>;
export type Progress = Selectable<ProgressTable>;
export type Role = LearnerRolesTable["role"];
export type Certificate = Selectable<CertificatesTable>;
