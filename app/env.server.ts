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
  /** Login attempts allowed per 15 minutes for one login name from one address. */
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
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
