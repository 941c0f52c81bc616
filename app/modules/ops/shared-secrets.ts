import { dialectOf } from "#db/client";

/** What every app server of one deployment must share, and how an operator makes each. */
const HOW_TO_MAKE = {
  SESSION_SECRET: "32 or more random characters, e.g. the output of `openssl rand -base64 32`",
  CERT_SIGNING_KEY: "an Ed25519 private key in PEM form, e.g. the output of `openssl genpkey -algorithm ed25519`",
} as const;

export type SharedSecret = keyof typeof HOW_TO_MAKE;

/**
 * The secrets missing for this database. On SQLite (one machine) a missing one is generated once
 * in DATA_DIR and shared by the machine's processes; on PostgreSQL several app servers (on several
 * machines) share the database, so each would make its own and they would disagree: both must be given.
 */
export function missingSharedSecrets(env: { DATABASE_URL?: string; SESSION_SECRET?: string; CERT_SIGNING_KEY?: string }): SharedSecret[] {
  if (dialectOf(env.DATABASE_URL) !== "postgres") return [];
  return (Object.keys(HOW_TO_MAKE) as SharedSecret[]).filter((name) => !env[name]);
}

/** The start-up refusal: what to set, why, and how to make each value. */
export function missingSecretsMessage(missing: readonly SharedSecret[]): string {
  return [
    `Not starting: on PostgreSQL every app server must use the same ${missing.join(" and ")}, or a load balancer would log people out and certificates would not verify against the key set another server publishes.`,
    "Set on every server (the same values):",
    ...missing.map((name) => `  ${name}: ${HOW_TO_MAKE[name]}`),
  ].join("\n");
}
