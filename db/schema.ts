import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

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

/** Append-only: every submitted quiz is kept with its answers. */
export interface QuizAttemptsTable {
  id: string;
  learner_id: string;
  module_id: string;
  lesson_id: string;
  locale: string;
  /** JSON: { [questionId]: optionId[] } */
  answers: string;
  correct_count: number;
  question_count: number;
  /** Whole percent, 0–100. */
  score: number;
  passed: number;
  created_at: string;
}

/** One summary row per learner × lesson, recomputed from the attempts. */
export interface LessonProgressTable {
  learner_id: string;
  lesson_id: string;
  module_id: string;
  attempt_count: number;
  best_score: number;
  mastered: number;
  mastered_at: string | null;
  last_attempt_at: string;
  updated_at: string;
}

export interface DB {
  learners: LearnersTable;
  sessions: SessionsTable;
  quiz_attempts: QuizAttemptsTable;
  lesson_progress: LessonProgressTable;
}

export type Learner = Selectable<LearnersTable>;
export type NewLearner = Insertable<LearnersTable>;
export type QuizAttempt = Selectable<QuizAttemptsTable>;
export type LessonProgress = Selectable<LessonProgressTable>;

// Kept for future columns with defaults.
export type _Unused = Generated<number> | ColumnType<number>;
