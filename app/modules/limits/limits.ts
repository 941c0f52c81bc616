/**
 * The platform's rate limits, as data: what each one counts, per what, how many per how long.
 * Pure; the counting itself is in limits.server.ts (in the database, shared by every app server).
 */

export interface LimitSpec {
  /** How many in one window. */
  points: number;
  /** The window, in seconds; a limit reached ends when its window does (never a permanent lock). */
  seconds: number;
  /**
   * Once the window's points are used, one more try per this many seconds instead of none (the
   * PIN slowdown). Absent: nothing more until the window ends.
   */
  slowdownSeconds?: number;
}

export interface LimitSettings {
  LOGIN_RATE_LIMIT: number;
  LOGIN_ACCOUNT_LIMIT: number;
  LOGIN_ADDRESS_LIMIT: number;
  PIN_SLOWDOWN_SECONDS: number;
  PIN_ACCOUNT_LIMIT: number;
  SIGNUP_RATE_LIMIT: number;
  JOIN_RATE_LIMIT: number;
  JOIN_CODE_LIMIT: number;
  VERIFY_RATE_LIMIT: number;
  CERT_PDF_RATE_LIMIT: number;
  CERT_PDF_ADDRESS_LIMIT: number;
  CONTEST_START_LIMIT: number;
}

/** Wrong PINs for one username from one address (or one remembered device) before the slowdown. */
export const PIN_SLOW_AFTER = 5;

const MINUTE = 60;
const HOUR = 3600;

/** Every limit by name. Keys are the limit's name and the SHA-256 of its parts (never the parts). */
export function limitSpecs(s: LimitSettings) {
  return {
    /** Failed password log-ins for one login name from one address. */
    loginPair: { points: s.LOGIN_RATE_LIMIT, seconds: 15 * MINUTE },
    /** Failed password log-ins for one login name from every device it never logged in on. */
    loginName: { points: s.LOGIN_ACCOUNT_LIMIT, seconds: HOUR },
    /** Failed password log-ins for one account from devices it logged in on before (__device). */
    loginDevice: { points: s.LOGIN_RATE_LIMIT, seconds: 15 * MINUTE },
    /** Failed log-ins (password or PIN) from one address, whatever the name. */
    failedAddress: { points: s.LOGIN_ADDRESS_LIMIT, seconds: 15 * MINUTE },
    /** Wrong PINs for one username from one address: then one try per PIN_SLOWDOWN_SECONDS. */
    pinPair: { points: PIN_SLOW_AFTER, seconds: 15 * MINUTE, slowdownSeconds: s.PIN_SLOWDOWN_SECONDS },
    /** Wrong PINs for one username from every device the learner never logged in on. */
    pinName: { points: s.PIN_ACCOUNT_LIMIT, seconds: HOUR },
    /** Wrong PINs for one learner from devices they logged in on before: strangers cannot fill it. */
    pinDevice: { points: PIN_SLOW_AFTER, seconds: 15 * MINUTE, slowdownSeconds: s.PIN_SLOWDOWN_SECONDS },
    /** Sign-up attempts from one address (a taken name counts too). */
    signupAddress: { points: s.SIGNUP_RATE_LIMIT, seconds: HOUR },
    /** Joins from one address, by one learner, and with one class code. */
    joinAddress: { points: s.JOIN_RATE_LIMIT, seconds: 15 * MINUTE },
    joinLearner: { points: 20, seconds: HOUR },
    joinCode: { points: s.JOIN_CODE_LIMIT, seconds: HOUR },
    /** Certificate checks from one address. */
    verifyAddress: { points: s.VERIFY_RATE_LIMIT, seconds: 10 * MINUTE },
    /** Certificate PDFs made for one learner, and from one address. */
    pdfLearner: { points: s.CERT_PDF_RATE_LIMIT, seconds: 15 * MINUTE },
    pdfAddress: { points: s.CERT_PDF_ADDRESS_LIMIT, seconds: 15 * MINUTE },
    /** Contest attempts started from one address, and tries to start by one learner (a refused start counts). */
    contestStartAddress: { points: s.CONTEST_START_LIMIT, seconds: 10 * MINUTE },
    contestStartLearner: { points: 20, seconds: HOUR },
  } satisfies Record<string, LimitSpec>;
}

export type LimitName = keyof ReturnType<typeof limitSpecs>;

/** One limit applied to one thing: its name and the parts that make its key (address, name…). */
export type LimitUse = readonly [LimitName, readonly string[]];

export type Verdict = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Whole seconds, at least 1, for a Retry-After header. */
export function retrySeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/** Minutes to tell a person (at least 1). */
export function retryMinutes(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60));
}

/** What a refused page carries (429 or 503), read by the root error page to say how long to wait. */
export interface LimitRefusal {
  refusal: "tooMany" | "busy";
  retryAfterSeconds: number;
}

export function isLimitRefusal(value: unknown): value is LimitRefusal {
  return typeof value === "object" && value !== null && "refusal" in value && "retryAfterSeconds" in value;
}
