import { parseCode, type CodeError } from "./code";
import { verifyCertificateToken, type CertificateClaims, type TrustedKeys } from "./signing";

/**
 * What the verification page says about a code (and, from a QR code, its signed payload).
 * Pure: the lookup is passed in, so the rules can be tested on thousands of codes and tokens.
 */

/** What a stranger may see: the name, what was completed and when; nothing else personal. */
export interface PublicCertificate {
  code: string;
  kind: "module" | "programme";
  subjectId: string;
  printedName: string;
  titles: Record<string, string>;
  completedAt: string;
  issuedAt: string;
  issuer: { vi: string; en: string };
  revokedAt: string | null;
  /** The claims this certificate's own QR code carries. */
  claims: CertificateClaims;
}

/**
 * none: no signed payload was presented; matches: it is signed by this deployment and says what
 * the record says; invalid: it is altered, or not signed by this deployment's key; mismatch: it
 * is signed but belongs to a different certificate (or differs from the record).
 */
export type SignatureCheck = "none" | "matches" | "invalid" | "mismatch";

export type Verdict =
  | { status: "malformed"; error: CodeError }
  | { status: "unknown"; code: string; signature: SignatureCheck }
  | { status: "valid" | "revoked"; code: string; certificate: PublicCertificate; signature: SignatureCheck };

export function sameClaims(a: CertificateClaims, b: CertificateClaims): boolean {
  return a.v === b.v && a.c === b.c && a.n === b.n && a.k === b.k && a.s === b.s && a.d === b.d && a.i === b.i;
}

export async function verdict(
  input: { code: string; token?: string | null },
  lookup: (code: string) => PublicCertificate | null | Promise<PublicCertificate | null>,
  keys: TrustedKeys,
): Promise<Verdict> {
  const parsed = parseCode(input.code);
  // A mistyped code is caught here, before anything is looked up.
  if (!parsed.ok) return { status: "malformed", error: parsed.error };
  const certificate = await lookup(parsed.code);
  let signature: SignatureCheck = "none";
  if (input.token) {
    const checked = verifyCertificateToken(input.token, keys);
    if (!checked.ok) signature = "invalid";
    else signature = certificate && sameClaims(checked.claims, certificate.claims) ? "matches" : "mismatch";
  }
  if (!certificate) return { status: "unknown", code: parsed.code, signature };
  return { status: certificate.revokedAt ? "revoked" : "valid", code: parsed.code, certificate, signature };
}
