/**
 * Checks a certificate's signature offline, with the issuer's public key saved beforehand
 * (from https://<site>/.well-known/certificate-key.pem or /.well-known/jwks.json):
 *
 *   npm run certificate:verify -- --key certificate-key.pem "<what the QR code says>"
 *   npm run certificate:verify -- --key jwks.json open-badge-XXXXX-XXXXX-XXXXX.jwt
 *
 * The input may be the QR code's text (the verification address with ?t=…), the token alone,
 * or a file holding either, or an Open Badges 3.0 VC-JWT. Exit status: 0 signature valid,
 * 1 invalid, 2 usage error. Whether a certificate was revoked later can only be seen online,
 * at /verify/<code>.
 */
import fs from "node:fs";
import { createPublicKey, type KeyObject } from "node:crypto";
import { parseArgs } from "node:util";
import { parseCode } from "~/modules/certificates/code";
import { keyFromJwk, publicJwk, verifyCertificateToken, verifyJws, type TrustedKeys } from "~/modules/certificates/signing";

function fail(message: string, status: number): never {
  console.error(message);
  process.exit(status);
}

function readKeys(file: string): TrustedKeys {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    fail(`Cannot read the key file ${file}.`, 2);
  }
  const keys = new Map<string, KeyObject>();
  try {
    if (text.trimStart().startsWith("{")) {
      const json = JSON.parse(text) as { keys?: unknown[] };
      for (const jwk of json.keys ?? [json]) {
        const key = keyFromJwk(jwk as { kty?: unknown; crv?: unknown; x?: unknown });
        keys.set(publicJwk(key).kid, key);
      }
    } else {
      const key = createPublicKey(text);
      keys.set(publicJwk(key).kid, key);
    }
  } catch (error) {
    fail(`${file} is not an Ed25519 public key (PEM, JWK or JWK set): ${(error as Error).message}`, 2);
  }
  return keys;
}

/** The token and, when the input was an address, the code in its path. */
function readInput(raw: string): { token: string; codeInUrl: string | null } {
  let text = raw.trim();
  if (fs.existsSync(text) && fs.statSync(text).isFile()) text = fs.readFileSync(text, "utf8").trim();
  const match = /\/verify\/([^/?#\s]+)\?(?:.*&)?t=([^&#\s]+)/.exec(text);
  if (match) return { token: decodeURIComponent(match[2]!), codeInUrl: decodeURIComponent(match[1]!) };
  return { token: text, codeInUrl: null };
}

const { positionals, values } = parseArgs({ allowPositionals: true, options: { key: { type: "string" } } });
if (!values.key || positionals.length !== 1) {
  fail('Usage: npm run certificate:verify -- --key <certificate-key.pem|jwks.json> "<QR code text, token, or .jwt file>"', 2);
}
const keys = readKeys(values.key);
const { token, codeInUrl } = readInput(positionals[0]!);

const certificate = verifyCertificateToken(token, keys);
if (certificate.ok) {
  const c = certificate.claims;
  const urlCode = codeInUrl ? parseCode(codeInUrl) : null;
  if (urlCode && (!urlCode.ok || urlCode.code !== c.c)) {
    fail(`INVALID: the address names certificate ${codeInUrl}, but the signed data is for ${c.c}.`, 1);
  }
  console.log(`VALID: signed by the issuer's key ${certificate.kid}.`);
  console.log(`  name:      ${c.n}`);
  console.log(`  completed: ${c.k} "${c.s}"`);
  console.log(`  date:      ${c.d}`);
  console.log(`  issued by: ${c.i}`);
  console.log(`  code:      ${c.c}`);
  console.log(`Revocation can only be checked online: /verify/${c.c}`);
  process.exit(0);
}

if (certificate.reason === "bad-claims") {
  // Perhaps an Open Badges 3.0 credential (VC-JWT), signed with the same key.
  const jws = verifyJws(token, keys);
  const credential = jws.ok ? (jws.payload as Record<string, unknown>) : null;
  const types = credential && Array.isArray(credential.type) ? credential.type : [];
  if (jws.ok && types.includes("OpenBadgeCredential")) {
    const subject = credential!.credentialSubject as
      { identifier?: { identityHash?: string }[]; achievement?: { name?: string } } | undefined;
    console.log(`VALID: Open Badges 3.0 credential signed by the issuer's key ${jws.kid}.`);
    console.log(`  name:        ${subject?.identifier?.[0]?.identityHash ?? "?"}`);
    console.log(`  achievement: ${subject?.achievement?.name ?? "?"}`);
    console.log(`  issued:      ${String(credential!.validFrom ?? "?")}`);
    console.log(`  id:          ${String(credential!.id ?? "?")}`);
    process.exit(0);
  }
}

const why = {
  malformed: "it is not a complete, well-formed signed certificate (was it copied in full?)",
  "unknown-key": "it was not signed with the key you gave (another issuer, or an old key)",
  "bad-signature": "the signature does not match: the data has been altered or forged",
  "bad-claims": "it is signed, but is not a certificate of this platform",
}[certificate.reason];
fail(`INVALID: ${why}.`, 1);
