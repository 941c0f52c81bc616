import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** postgres://user@host:5432/db selects PostgreSQL; unset means SQLite. */
  DATABASE_URL: z.string().optional(),
  SQLITE_PATH: z.string().default("data/app.sqlite"),
  /** Signs session cookies. When unset, one is generated and kept in DATA_DIR. */
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
  /** Login attempts allowed per 15 minutes for one login name from one address. */
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  /** After 5 wrong PINs, each further try on that account waits this long; the 20th wrong PIN locks it. */
  PIN_SLOWDOWN_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  /** Signs certificates: an Ed25519 private key (PKCS#8 PEM). When unset, one is generated and kept in DATA_DIR. */
  CERT_SIGNING_KEY: z.string().min(1).optional(),
  /** The issuing unit printed on certificates (Vietnamese, and English when it differs). */
  CERT_ISSUER_NAME: z.string().trim().min(3).max(200).optional(),
  CERT_ISSUER_NAME_EN: z.string().trim().min(3).max(200).optional(),
  /** The site's public address (https://…), for the links and QR codes on certificates. Default: the request's. */
  PUBLIC_URL: z.string().url("PUBLIC_URL must be a full address such as https://hoc.example.vn").optional(),
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
