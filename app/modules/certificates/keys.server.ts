import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "~/env.server";
import { publicJwk, type PublicJwk, type Signer, type TrustedKeys } from "./signing";

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
 * Reads CERT_SIGNING_KEY, or the key kept in DATA_DIR, or makes that key once (mode 0600; written
 * with O_EXCL so that two processes starting together end up with the same key).
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
  try {
    return toKey(createPrivateKey(fs.readFileSync(file, "utf8")), "file");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw new Error(`${file}: ${(error as Error).message}`);
  }
  fs.mkdirSync(env.DATA_DIR, { recursive: true });
  const { privateKey } = generateKeyPairSync("ed25519");
  try {
    fs.writeFileSync(file, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600, flag: "wx" });
    return toKey(privateKey, "generated");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return toKey(createPrivateKey(fs.readFileSync(file, "utf8")), "file");
    throw error;
  }
}

let cached: CertificateKey | undefined;

/** This deployment's certificate key, loaded (or made) once per process. */
export function getCertificateKey(): CertificateKey {
  cached ??= loadCertificateKey(getEnv());
  return cached;
}

/** The keys this deployment accepts signatures from. */
export function trustedKeys(): TrustedKeys {
  const key = getCertificateKey();
  return new Map([[key.kid, key.publicKey]]);
}
