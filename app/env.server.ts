import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** 0: any free port (the limits browser test starts a server of its own). */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** postgres://user@host:5432/db selects PostgreSQL; unset means SQLite. */
  DATABASE_URL: z.string().optional(),
  /** The PostgreSQL schema to use (default: the connection's search_path, normally "public"). */
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, "DATABASE_SCHEMA must be a plain schema name such as bdhvs")
    .optional(),
  /** PostgreSQL connections each server process may open (docs/scaling.md: processes × this ≤ max_connections). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  SQLITE_PATH: z.string().default("data/app.sqlite"),
  /** Signs session cookies. When unset, one is generated and kept in DATA_DIR (SQLite only: on PostgreSQL it must be set). */
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
  DATA_DIR: z.string().default("data"),
  CONTENT_DIR: z.string().default("content"),
  /** Compiled lessons are cached here, keyed by content hash. */
  CACHE_DIR: z.string().default(".cache"),
  /**
   * Locales beyond vi and en, comma-separated (e.g. "ede"). Each needs content/<locale>/ (any part
   * of the course) and may have UI strings in EXTRA_LOCALES_DIR/<locale>/<namespace>.json; whatever
   * is missing is shown in Vietnamese.
   */
  EXTRA_LOCALES: z
    .string()
    .default("")
    .transform((s) =>
      s
        .split(",")
        .map((l) => l.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^[a-z]{2,3}$/, "EXTRA_LOCALES: each locale is a 2–3 letter code"))),
  EXTRA_LOCALES_DIR: z.string().default("app/i18n/locales"),
  // Rate limits (app/modules/limits/limits.ts says what each counts; README, configuration).
  /** Failed log-ins per 15 minutes for one login name from one address (or from a device it logged in on). */
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  /** Failed log-ins per hour for one login name from all devices it never logged in on. */
  LOGIN_ACCOUNT_LIMIT: z.coerce.number().int().min(1).default(30),
  /** Failed log-ins (password or PIN) per 15 minutes from one address, whatever the name. */
  LOGIN_ADDRESS_LIMIT: z.coerce.number().int().min(1).default(100),
  /** After 5 wrong PINs for one username from one address, one more try per this many seconds. */
  PIN_SLOWDOWN_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  /** Wrong PINs per hour for one username from all devices the learner never logged in on. */
  PIN_ACCOUNT_LIMIT: z.coerce.number().int().min(1).default(20),
  /** Sign-up attempts per hour from one address (a taken name counts). */
  SIGNUP_RATE_LIMIT: z.coerce.number().int().min(1).default(20),
  /** Class joins per 15 minutes from one address. */
  JOIN_RATE_LIMIT: z.coerce.number().int().min(1).default(60),
  /** Joins per hour with one class code. */
  JOIN_CODE_LIMIT: z.coerce.number().int().min(1).default(200),
  /** Certificate checks (/verify) per 10 minutes from one address. */
  VERIFY_RATE_LIMIT: z.coerce.number().int().min(1).default(120),
  /** Certificate PDFs per 15 minutes for one learner, and from one address. */
  CERT_PDF_RATE_LIMIT: z.coerce.number().int().min(1).default(20),
  CERT_PDF_ADDRESS_LIMIT: z.coerce.number().int().min(1).default(60),
  /** Contest attempts started per 10 minutes from one address (a community hall shares one: generous). */
  CONTEST_START_LIMIT: z.coerce.number().int().min(1).default(600),
  /** Password and PIN hashes computed at once, and how many may wait; beyond that a 503. */
  PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  PASSWORD_HASH_QUEUE: z.coerce.number().int().min(0).max(10_000).default(32),
  /** Guest learners (no account) with no activity for this many months are removed (issue 14). */
  GUEST_RETENTION_MONTHS: z.coerce.number().int().min(1).max(120).default(12),
  /** How often the server runs the retention job (hours); 0: only `npm run maintenance`. */
  MAINTENANCE_INTERVAL_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 31)
    .default(24),
  /** Signs certificates: an Ed25519 private key (PKCS#8 PEM). When unset, one is generated and kept in DATA_DIR (SQLite only). */
  CERT_SIGNING_KEY: z.string().min(1).optional(),
  /** The issuing unit printed on certificates (Vietnamese, and English when it differs). */
  CERT_ISSUER_NAME: z.string().trim().min(3).max(200).optional(),
  CERT_ISSUER_NAME_EN: z.string().trim().min(3).max(200).optional(),
  // The certificate's administrative block (issue 13): heading lines separated by "|", the place
  // before the date, the signer's title and name, and a seal or logo image (PNG or SVG).
  CERT_HEADING: z.string().trim().min(1).max(300).optional(),
  CERT_PLACE: z.string().trim().min(1).max(100).optional(),
  CERT_PLACE_EN: z.string().trim().min(1).max(100).optional(),
  CERT_SIGNER_TITLE: z.string().trim().min(1).max(100).optional(),
  CERT_SIGNER_TITLE_EN: z.string().trim().min(1).max(100).optional(),
  CERT_SIGNER_NAME: z.string().trim().min(1).max(100).optional(),
  CERT_SEAL_IMAGE: z.string().trim().min(1).optional(),
  /** The site's public address (https://…), for the links and QR codes on certificates. Default: the request's. */
  PUBLIC_URL: z.string().url("PUBLIC_URL must be a full address such as https://hoc.example.vn").optional(),
  /**
   * The deployment's root unit: a province code (the statistics office's), or unset for the whole
   * country. Imports keep only that province's units; pickers and reports start there.
   */
  ROOT_UNIT: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, "ROOT_UNIT must be a unit code such as 70")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** "off": do not load the fictional sample province into an empty database. */
  SAMPLE_UNITS: z
    .enum(["on", "off"])
    .default("on")
    .transform((v) => v === "on"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** The environment, validated once; a bad value stops the server with a clear message. */
export function getEnv(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
      throw new Error(`Invalid environment:\n${lines}`);
    }
    cached = parsed.data;
  }
  return cached;
}
