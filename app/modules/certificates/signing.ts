import { createHash, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import { z } from "zod";
import { parseCode } from "./code";

/**
 * Ed25519 signatures as compact JWS (RFC 7515, "alg": "EdDSA" per RFC 8037), with node:crypto
 * only: any JOSE library, or openssl, can check them with the published public key.
 *
 * Verification is strict on purpose. The signature covers the exact characters of
 * "<header>.<payload>", and every part must be canonical base64url (the form its bytes encode
 * to), so that no two different strings carry the same signed content: change any byte of a
 * token and it fails.
 */

/** Longest token accepted; anything longer is refused before any work. */
export const MAX_TOKEN_LENGTH = 8192;

export function base64url(data: Uint8Array | string): string {
  return Buffer.from(data).toString("base64url");
}

/** Decodes base64url only if `text` is exactly the canonical encoding of what it decodes to. */
export function strictBase64url(text: string): Buffer | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const bytes = Buffer.from(text, "base64url");
  return bytes.toString("base64url") === text ? bytes : null;
}

/** A public key as a JWK with its key id: the first 16 characters of its RFC 7638 thumbprint. */
export interface PublicJwk {
  kty: "OKP";
  crv: "Ed25519";
  x: string;
  kid: string;
  use: "sig";
  alg: "EdDSA";
}

export function jwkThumbprint(x: string): string {
  // RFC 7638: the required members in lexicographic order, no whitespace.
  return base64url(createHash("sha256").update(`{"crv":"Ed25519","kty":"OKP","x":"${x}"}`).digest());
}

export function publicJwk(key: KeyObject): PublicJwk {
  const publicKey = key.type === "private" ? createPublicKey(key) : key;
  if (publicKey.asymmetricKeyType !== "ed25519") throw new Error("certificate keys must be Ed25519");
  const { x } = publicKey.export({ format: "jwk" }) as { x: string };
  return { kty: "OKP", crv: "Ed25519", x, kid: jwkThumbprint(x).slice(0, 16), use: "sig", alg: "EdDSA" };
}

export function keyFromJwk(jwk: { kty?: unknown; crv?: unknown; x?: unknown }): KeyObject {
  if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || typeof jwk.x !== "string") throw new Error("not an Ed25519 public JWK");
  return createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: jwk.x }, format: "jwk" });
}

export interface Signer {
  privateKey: KeyObject;
  kid: string;
}

/**
 * A compact JWS of a JSON payload. Ed25519 is deterministic: the same input gives the same token.
 * The header names the key (`kid`: the key id, or where it is published) and never carries it.
 */
export function signJws(payload: unknown, signer: Signer, extraHeader: Record<string, unknown> = {}, kid: string = signer.kid): string {
  const header = base64url(JSON.stringify({ alg: "EdDSA", kid, ...extraHeader }));
  const body = base64url(JSON.stringify(payload));
  const signature = sign(null, Buffer.from(`${header}.${body}`, "ascii"), signer.privateKey);
  return `${header}.${body}.${base64url(signature)}`;
}

/** The keys a verifier trusts, by key id. */
export type TrustedKeys = ReadonlyMap<string, KeyObject>;

/**
 * Why a token fails. incomplete: it is not whole (a part missing, cut short, characters a token
 * never has: what a bad copy or scan does); malformed: whole, but not a token we make (an odd
 * header, a key in the header, not JSON); unknown-key: signed by a key this issuer does not
 * trust; bad-signature: whole and well-formed, but its content no longer matches the signature.
 */
export type JwsFailure = "incomplete" | "malformed" | "unknown-key" | "bad-signature";
export type JwsResult = { ok: true; header: Record<string, unknown>; payload: unknown; kid: string } | { ok: false; reason: JwsFailure };

/** No `jwk`, `jku` or `x5c`: a token that brings its own key is refused, never trusted. */
const ALLOWED_HEADER = new Set(["alg", "kid", "typ"]);

/**
 * The key id in a header's `kid`: the id itself (certificate QR codes) or the address of the
 * published key set with the id as its fragment (badges: https://<site>/.well-known/jwks.json#<id>).
 */
export function keyIdOf(kid: string): string {
  const hash = kid.lastIndexOf("#");
  return hash >= 0 && /^https?:\/\//.test(kid) ? kid.slice(hash + 1) : kid;
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
}

/**
 * Checks a compact JWS against trusted keys. The key is chosen by the header's `kid`, never taken
 * from the token itself (a header carrying a key is malformed).
 */
export function verifyJws(token: string, keys: TrustedKeys): JwsResult {
  if (typeof token !== "string" || token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: "malformed" };
  const parts = token.split(".");
  if (parts.length !== 3 || parts.some((part) => !part)) return { ok: false, reason: "incomplete" };
  const [h, p, s] = parts as [string, string, string];
  // Characters a token never has, or a length no encoding gives: the copy is damaged. The same
  // bytes spelled another way (non-canonical) is a deliberate change: malformed, not incomplete.
  // An Ed25519 signature is 86 characters: fewer is a token cut short.
  if (parts.some((part) => !/^[A-Za-z0-9_-]*$/.test(part) || part.length % 4 === 1) || s.length < 86) {
    return { ok: false, reason: "incomplete" };
  }
  const headerBytes = strictBase64url(h);
  const payloadBytes = strictBase64url(p);
  const signature = strictBase64url(s);
  if (!headerBytes || !payloadBytes || !signature) return { ok: false, reason: "malformed" };
  if (signature.length !== 64) return { ok: false, reason: "malformed" };
  const header = parseJson(headerBytes);
  if (!header || typeof header !== "object" || Array.isArray(header)) return { ok: false, reason: "malformed" };
  const fields = header as Record<string, unknown>;
  if (fields.alg !== "EdDSA" || Object.keys(fields).some((k) => !ALLOWED_HEADER.has(k))) return { ok: false, reason: "malformed" };
  if (typeof fields.kid !== "string") return { ok: false, reason: "unknown-key" };
  const key = keys.get(keyIdOf(fields.kid));
  if (!key) return { ok: false, reason: "unknown-key" };
  let valid = false;
  try {
    valid = verify(null, Buffer.from(`${h}.${p}`, "ascii"), key, signature);
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: "bad-signature" };
  const payload = parseJson(payloadBytes);
  if (payload === undefined) return { ok: false, reason: "malformed" };
  return { ok: true, header: fields, payload, kid: keyIdOf(fields.kid) };
}

/**
 * What the QR code of a certificate carries, signed: short keys keep the QR small enough to scan
 * from a cheap phone. v: format version; c: code; n: name as printed; k: module, programme or contest;
 * s: the module, programme or contest id; d: date completed (YYYY-MM-DD, Vietnam time); i: issuing unit.
 */
export const certificateClaimsSchema = z
  .object({
    v: z.literal(1),
    c: z.string().refine((c) => {
      const parsed = parseCode(c);
      return parsed.ok && parsed.code === c;
    }),
    n: z
      .string()
      .min(1)
      .max(200)
      .refine((n) => n === n.normalize("NFC")),
    k: z.enum(["module", "programme", "contest"]),
    s: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
    d: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    i: z.string().min(1).max(300),
  })
  .strict();

export type CertificateClaims = z.infer<typeof certificateClaimsSchema>;

export function signCertificate(claims: CertificateClaims, signer: Signer): string {
  // Fixed key order, so the same certificate always gives the same token.
  const { v, c, n, k, s, d, i } = claims;
  return signJws({ v, c, n, k, s, d, i }, signer);
}

export type CertificateTokenResult =
  { ok: true; claims: CertificateClaims; kid: string } | { ok: false; reason: JwsFailure | "bad-claims" };

/** A certificate token that is signed by a trusted key and says what a certificate says. */
export function verifyCertificateToken(token: string, keys: TrustedKeys): CertificateTokenResult {
  const result = verifyJws(token, keys);
  if (!result.ok) return result;
  if (result.header.typ !== undefined || result.header.kid !== result.kid) return { ok: false, reason: "bad-claims" };
  const claims = certificateClaimsSchema.safeParse(result.payload);
  if (!claims.success) return { ok: false, reason: "bad-claims" };
  return { ok: true, claims: claims.data, kid: result.kid };
}
