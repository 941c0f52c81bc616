import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Database } from "#db/client";
import { getEnv } from "~/env.server";
import { readOrCreateOnce } from "~/modules/ops/write-once.server";
import { keyFromJwk, publicJwk, type PublicJwk, type Signer, type TrustedKeys } from "./signing";

export interface CertificateKey extends Signer {
  publicKey: KeyObject;
  jwk: PublicJwk;
  /** SubjectPublicKeyInfo PEM, as published at /.well-known/certificate-key.pem. */
  publicPem: string;
  /** Where the key came from, for the start-up log. */
  source: "env" | "file" | "generated";
}

export const KEY_FILE = "certificate-signing-key.pem";

function toKey(privateKey: KeyObject, source: CertificateKey["source"]): CertificateKey {
  if (privateKey.asymmetricKeyType !== "ed25519") {
    throw new Error(`The certificate signing key must be an Ed25519 key, not ${privateKey.asymmetricKeyType ?? "unknown"}`);
  }
  const publicKey = createPublicKey(privateKey);
  const jwk = publicJwk(publicKey);
  return { privateKey, publicKey, kid: jwk.kid, jwk, publicPem: publicKey.export({ type: "spki", format: "pem" }).toString(), source };
}

/**
 * Reads CERT_SIGNING_KEY, or the key kept in DATA_DIR, or makes that key once (mode 0600;
 * readOrCreateOnce: processes starting together end up with the same key). On PostgreSQL
 * CERT_SIGNING_KEY must be set (ops/shared-secrets.ts): servers on other machines share no DATA_DIR.
 */
export function loadCertificateKey(env: { CERT_SIGNING_KEY?: string; DATA_DIR: string }): CertificateKey {
  if (env.CERT_SIGNING_KEY) {
    // Environment files often carry a PEM on one line with "\n" escapes.
    const pem = env.CERT_SIGNING_KEY.includes("\\n") ? env.CERT_SIGNING_KEY.replace(/\\n/g, "\n") : env.CERT_SIGNING_KEY;
    let key: KeyObject;
    try {
      key = createPrivateKey(pem);
    } catch (error) {
      throw new Error(`CERT_SIGNING_KEY is not a private key in PEM form: ${(error as Error).message}`);
    }
    return toKey(key, "env");
  }
  const file = path.join(env.DATA_DIR, KEY_FILE);
  const { content, created } = readOrCreateOnce(file, () =>
    generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  );
  try {
    return toKey(createPrivateKey(content), created ? "generated" : "file");
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
}

let cached: { key: CertificateKey; stamp: string } | undefined;

function keyFileStamp(env: { CERT_SIGNING_KEY?: string; DATA_DIR: string }): string {
  if (env.CERT_SIGNING_KEY) return "env";
  try {
    const stat = fs.statSync(path.join(env.DATA_DIR, KEY_FILE));
    return `${stat.ino}:${stat.mtimeMs}`;
  } catch {
    return "none";
  }
}

/**
 * This deployment's current certificate key, loaded (or made) once per process, and again when
 * the key file is replaced (`npm run certificates -- rotate-key`), so a running server signs with
 * the new key at once.
 */
export function getCertificateKey(): CertificateKey {
  const env = getEnv();
  const stamp = keyFileStamp(env);
  if (!cached || cached.stamp !== stamp) cached = { key: loadCertificateKey(env), stamp: keyFileStamp(env) };
  return cached.key;
}

export interface PublishedKey {
  kid: string;
  x: string;
  createdAt: string;
  retiredAt: string | null;
  revoked: { at: string; reason: string } | null;
  current: boolean;
}

/** Records a key among those that have signed certificates (once; later calls change nothing). */
export async function registerKey(db: Database, key: { kid: string; jwk: { x: string } }, now = new Date()): Promise<void> {
  await db
    .insertInto("certificate_keys")
    .values({ kid: key.kid, x: key.jwk.x, created_at: now.toISOString(), retired_at: null, revoked_at: null, revoked_reason: null })
    .onConflict((oc) => oc.column("kid").doNothing())
    .execute();
}

/**
 * Every key that has signed certificates, oldest first, the current one included (recorded here
 * if it is not yet): what the JWKS publishes and what verification trusts.
 */
export async function publishedKeys(db: Database, current: CertificateKey = getCertificateKey()): Promise<PublishedKey[]> {
  await registerKey(db, current);
  const rows = await db.selectFrom("certificate_keys").selectAll().orderBy("created_at").orderBy("kid").execute();
  return rows.map((r) => ({
    kid: r.kid,
    x: r.x,
    createdAt: r.created_at,
    retiredAt: r.retired_at,
    revoked: r.revoked_at ? { at: r.revoked_at, reason: r.revoked_reason ?? "" } : null,
    current: r.kid === current.kid,
  }));
}

/** The keys this deployment accepts signatures from: every key it has used, except revoked ones. */
export function trustedKeysOf(keys: readonly PublishedKey[]): TrustedKeys {
  return new Map(keys.filter((k) => !k.revoked).map((k) => [k.kid, keyFromJwk({ kty: "OKP", crv: "Ed25519", x: k.x })]));
}

export async function trustedKeys(db: Database): Promise<TrustedKeys> {
  return trustedKeysOf(await publishedKeys(db));
}

export type RotateResult =
  { ok: true; previous: string; current: string } | { ok: false; reason: "env"; previous: string; newKeyPem: string; newKid: string };

/**
 * Makes a new signing key current. The previous public key stays recorded (and published), so
 * every certificate it signed still verifies offline; its private key is no longer kept. With
 * CERT_SIGNING_KEY set the key is the operator's to change: a new key is made and printed, for
 * them to set on every server.
 */
export async function rotateKey(
  db: Database,
  env: { CERT_SIGNING_KEY?: string; DATA_DIR: string },
  now = new Date(),
): Promise<RotateResult> {
  const previous = loadCertificateKey(env);
  await registerKey(db, previous, now);
  const { privateKey } = generateKeyPairSync("ed25519");
  const next = toKey(privateKey, "generated");
  const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  if (env.CERT_SIGNING_KEY) return { ok: false, reason: "env", previous: previous.kid, newKeyPem: pem, newKid: next.kid };
  const file = path.join(env.DATA_DIR, KEY_FILE);
  const temporary = `${file}.${process.pid}.new`;
  fs.writeFileSync(temporary, pem, { mode: 0o600, flag: "wx" });
  // Recorded before it signs anything, so the key set never lags behind a certificate.
  // A millisecond later than the key it follows, so the key set lists keys in the order they served.
  await registerKey(db, next, new Date(now.getTime() + 1));
  fs.renameSync(temporary, file);
  await db.updateTable("certificate_keys").set({ retired_at: now.toISOString() }).where("kid", "=", previous.kid).execute();
  return { ok: true, previous: previous.kid, current: next.kid };
}

export type RevokeKeyResult = { ok: true } | { ok: false; reason: "unknown" | "current" | "already-revoked" };

/** Marks a key as revoked (say, its private key leaked): what it signed no longer verifies. */
export async function revokeKey(
  db: Database,
  input: { kid: string; reason: string; now?: Date },
  current: CertificateKey = getCertificateKey(),
): Promise<RevokeKeyResult> {
  const keys = await publishedKeys(db, current);
  const key = keys.find((k) => k.kid === input.kid);
  if (!key) return { ok: false, reason: "unknown" };
  if (key.current) return { ok: false, reason: "current" };
  if (key.revoked) return { ok: false, reason: "already-revoked" };
  await db
    .updateTable("certificate_keys")
    .set({ revoked_at: (input.now ?? new Date()).toISOString(), revoked_reason: input.reason })
    .where("kid", "=", input.kid)
    .execute();
  return { ok: true };
}
