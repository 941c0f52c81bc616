import { parseCode, type CodeError } from "./code";
import type { IssuedKind } from "./eligibility";
import { verifyCertificateToken, type CertificateClaims, type JwsFailure, type TrustedKeys } from "./signing";

/**
 * What the verification page says about a code (and, from a QR code, its signed payload).
 * Pure: the lookup is passed in, so the rules can be tested on thousands of codes and tokens.
 */

/** What a stranger may see: the name, what was completed and when; nothing else personal. */
export interface PublicCertificate {
  code: string;
  kind: IssuedKind;
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
 * What the QR code's signed data says, the same words online and in the offline command:
 * none: no signed data was presented; matches: signed by this issuer and the same as the record;
 * incomplete: not whole (copied or scanned in part: scan it again); altered: whole, but changed
 * since it was signed, or signed by a key this issuer does not trust (a forgery); mismatch:
 * genuinely signed, but for another certificate (or different from the record).
 */
export type SignatureCheck = "none" | "matches" | "incomplete" | "altered" | "mismatch";

/** The reader's word for a token that fails: only a token that is not whole was merely copied badly. */
export function signatureCheckOf(reason: JwsFailure | "bad-claims"): "incomplete" | "altered" {
  return reason === "incomplete" ? "incomplete" : "altered";
}

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
    if (!checked.ok) signature = signatureCheckOf(checked.reason);
    else signature = certificate && sameClaims(checked.claims, certificate.claims) ? "matches" : "mismatch";
  }
  if (!certificate) return { status: "unknown", code: parsed.code, signature };
  return { status: certificate.revokedAt ? "revoked" : "valid", code: parsed.code, certificate, signature };
}
