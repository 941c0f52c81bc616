/**
 * Checks a certificate's signature offline, with the issuer's public keys saved beforehand
 * (from https://<site>/.well-known/jwks.json, every key the site has used, or
 * /.well-known/certificate-key.pem, the current one):
 *
 *   npm run certificate:verify -- --key jwks.json "<what the QR code says>"
 *   npm run certificate:verify -- --key jwks.json open-badge-XXXXX-XXXXX-XXXXX.jwt
 *
 * The input may be the QR code's text (the verification address with ?t=…), the token alone,
 * or a file holding either, or an Open Badges 3.0 VC-JWT. It says what the verification page
 * says, in the same words: valid, copied incompletely, altered, or for another certificate.
 *
 * Exit status: 0 signature valid, 1 invalid, 2 usage error, 3 a code alone (no signed data: only
 * the site can check it). Whether a certificate was revoked later only the site knows.
 */
import fs from "node:fs";
import path from "node:path";
import { createPublicKey, type KeyObject } from "node:crypto";
import { parseArgs } from "node:util";
import YAML from "yaml";
import { parseCode } from "~/modules/certificates/code";
import {
  keyFromJwk,
  publicJwk,
  verifyCertificateToken,
  verifyJws,
  type JwsFailure,
  type TrustedKeys,
} from "~/modules/certificates/signing";
import { signatureCheckOf } from "~/modules/certificates/verify";

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
      // A JWK set's `keys` are the trusted ones; `revoked_keys` (withdrawn by the issuer) are not.
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

type Input =
  { kind: "token"; token: string; codeInUrl: string | null; origin: string | null } | { kind: "code"; code: string; url: string | null };

/** The token and, when the input was an address, the code in its path; or a code with no signed data. */
function readInput(raw: string): Input {
  let text = raw.trim();
  if (fs.existsSync(text) && fs.statSync(text).isFile()) text = fs.readFileSync(text, "utf8").trim();
  const url = /^(https?:\/\/[^/\s]+)\/(?:[a-z]{2,3}\/)?verify\/([^/?#\s]+)(\?[^#\s]*)?/i.exec(text);
  if (url) {
    const code = decodeURIComponent(url[2]!);
    const t = new URLSearchParams(url[3] ?? "").get("t");
    if (t) return { kind: "token", token: t, codeInUrl: code, origin: url[1]! };
    return { kind: "code", code, url: url[0] };
  }
  if (parseCode(text).ok) return { kind: "code", code: text, url: null };
  return { kind: "token", token: text, codeInUrl: null, origin: null };
}

/** A module's or the programme's title as the course names it (content/), else its id. */
function titleOf(kind: "module" | "programme", id: string): string {
  const root = (process.env.CONTENT_DIR ?? "content").split(path.delimiter)[0]!;
  try {
    if (kind === "programme") {
      const programme = YAML.parse(fs.readFileSync(path.join(root, "programme.yaml"), "utf8")) as { id?: string; title?: { vi?: string } };
      if (programme.id === id && programme.title?.vi) return programme.title.vi;
    } else {
      const titles = ["vi", "en"].flatMap((locale) => {
        try {
          const module = YAML.parse(fs.readFileSync(path.join(root, locale, id, "_module.yaml"), "utf8")) as { title?: string };
          return module.title ? [module.title] : [];
        } catch {
          return [];
        }
      });
      if (titles.length) return [...new Set(titles)].join(" / ");
    }
  } catch {
    // Not run from the project: the id is all there is.
  }
  return `${id} (the course's id for it)`;
}

/** The same words as the verification page, for the same cases. */
function invalid(reason: JwsFailure | "bad-claims"): never {
  const check = signatureCheckOf(reason);
  if (check === "incomplete") {
    fail(
      "INVALID — copied incompletely: the QR code's text is not whole (cut off, blurred, or copied in part).\n" +
        "Scan or copy it again from the paper. If it stays so, treat the paper as unchecked.",
      1,
    );
  }
  fail(
    "INVALID — altered: the signed data was changed after it was signed, or was not signed by the issuer.\n" +
      "Do not trust what the paper says." +
      (reason === "unknown-key"
        ? "\n(If the issuer changed keys after you saved yours, fetch /.well-known/jwks.json again: it keeps every key the issuer has used.)"
        : ""),
    1,
  );
}

const { positionals, values } = parseArgs({ allowPositionals: true, options: { key: { type: "string" } } });
if (!values.key || positionals.length !== 1) {
  fail('Usage: npm run certificate:verify -- --key <jwks.json|certificate-key.pem> "<QR code text, token, or .jwt file>"', 2);
}
const keys = readKeys(values.key);
const input = readInput(positionals[0]!);

if (input.kind === "code") {
  const parsed = parseCode(input.code);
  const where = input.url ?? `https://<the issuer's site>/verify/${parsed.ok ? parsed.code : input.code}`;
  fail(
    `A code alone can only be checked online: it carries no signature to check here.\n` +
      `Open ${where} (or type the code at /verify on the issuer's site).`,
    3,
  );
}

const { token, codeInUrl, origin } = input;
const onSite = (code: string) => `${origin ?? "https://<the issuer's site>"}/verify/${code}`;
const certificate = verifyCertificateToken(token, keys);
if (certificate.ok) {
  const c = certificate.claims;
  const urlCode = codeInUrl ? parseCode(codeInUrl) : null;
  if (urlCode && (!urlCode.ok || urlCode.code !== c.c)) {
    fail(
      `INVALID — for another certificate: the QR code is signed for ${c.c}, but its address names ${codeInUrl}.\n` +
        "Do not trust what the paper says.",
      1,
    );
  }
  console.log(`VALID SIGNATURE: signed by the issuer's key ${certificate.kid}.`);
  console.log(`  name:      ${c.n}`);
  if (c.k === "contest") console.log(`  took part: contest ${c.s} (not a course certificate)`);
  else console.log(`  completed: ${c.k === "module" ? "module" : "programme"} "${titleOf(c.k, c.s)}"`);
  console.log(`  date:      ${c.d}`);
  console.log(`  issued by: ${c.i}`);
  console.log(`  code:      ${c.c}`);
  console.log("Compare the name and the code above with the paper: they must match letter for letter, accents included.");
  console.log(`This proves the certificate was issued. Whether it has been revoked since, only the site knows: ${onSite(c.c)}`);
  process.exit(0);
}

if (certificate.reason === "bad-claims") {
  // Perhaps an Open Badges 3.0 credential (VC-JWT), signed with the same keys.
  const jws = verifyJws(token, keys);
  const credential = jws.ok ? (jws.payload as Record<string, unknown>) : null;
  const types = credential && Array.isArray(credential.type) ? credential.type : [];
  if (jws.ok && types.includes("OpenBadgeCredential")) {
    const subject = credential!.credentialSubject as
      { identifier?: { identityHash?: string }[]; achievement?: { name?: string } } | undefined;
    const status = credential!.credentialStatus as { statusListCredential?: string; statusListIndex?: string } | undefined;
    console.log(`VALID SIGNATURE: Open Badges 3.0 credential signed by the issuer's key ${jws.kid}.`);
    console.log(`  name:        ${subject?.identifier?.[0]?.identityHash ?? "?"}`);
    console.log(`  achievement: ${subject?.achievement?.name ?? "?"}`);
    console.log(`  issued:      ${String(credential!.validFrom ?? "?")}`);
    console.log(`  id:          ${String(credential!.id ?? "?")}`);
    console.log(
      `This proves the badge was issued. Whether it has been revoked since, only the site knows: ${String(credential!.id ?? "")}` +
        (status?.statusListCredential ? ` (or bit ${status.statusListIndex} of ${status.statusListCredential})` : ""),
    );
    process.exit(0);
  }
  if (!jws.ok) invalid(jws.reason);
}
invalid(certificate.reason);
