import { localised } from "~/modules/content/programme";
import { signJws, type Signer } from "./signing";
import { statusListEntry } from "./status-list";

/**
 * A certificate as an Open Badges 3.0 OpenBadgeCredential (a W3C Verifiable Credential, data
 * model 2.0), secured as a VC-JWT (OB 3.0 § 8.2): the JWT payload is the credential itself plus
 * the registered claims iss (issuer.id), sub (credentialSubject.id), jti (id) and nbf (validFrom,
 * to the second). The header names the key by `kid`, a URL into the published key set
 * (/.well-known/jwks.json#<key id>), and never carries a key: a verifier must fetch the issuer's
 * keys, so a badge re-signed with another key fails.
 *
 * The credential points at its bit in the public revocation list (credentialStatus, a W3C
 * Bitstring Status List), so every verifier sees a revocation. The learner is identified by name
 * only (an IdentityObject); credentialSubject.id is a random per-certificate URN, never an
 * account id or login.
 */

export const OB_CONTEXT = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"];
export const OB_SCHEMA = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";

export const issuerProfileId = (origin: string) => `${origin}/.well-known/openbadges-issuer.json`;
export const jwksUrl = (origin: string) => `${origin}/.well-known/jwks.json`;
/** A key's `kid` in badges: where it is published. */
export const keyUrl = (origin: string, kid: string) => `${jwksUrl(origin)}#${kid}`;
export const achievementId = (origin: string, kind: "module" | "programme", subjectId: string) =>
  `${origin}/achievements/${kind}/${subjectId}`;

/** "2026-03-05T03:00:00.123Z" → "2026-03-05T03:00:00Z": what nbf can say exactly. */
export function toSeconds(iso: string): string {
  return new Date(Math.floor(new Date(iso).getTime() / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

export interface AchievementInput {
  kind: "module" | "programme";
  subjectId: string;
  titles: Record<string, string>;
  descriptions?: Record<string, string>;
  /** The course's picture for it (an absolute address) and what it shows. */
  image: { url: string; caption: string } | null;
  locale: string;
}

/** The Achievement: the same object in every badge and at its own address (its id). */
export function achievementOf(input: AchievementInput, { origin }: { origin: string }) {
  const name = localised(input.titles, input.locale);
  const description =
    input.kind === "programme" && input.descriptions
      ? localised(input.descriptions, input.locale)
      : input.locale === "vi"
        ? `Đã học xong và đạt yêu cầu tất cả các bài học và bài thực hành của chủ đề "${name}".`
        : `Completed and passed every lesson and practice of the topic "${name}".`;
  return {
    id: achievementId(origin, input.kind, input.subjectId),
    type: ["Achievement"],
    achievementType: "Certificate",
    name,
    description,
    criteria: { id: achievementId(origin, input.kind, input.subjectId), narrative: description },
    ...(input.image ? { image: { id: input.image.url, type: "Image", caption: input.image.caption } } : {}),
    inLanguage: input.locale,
  };
}

export interface BadgeInput extends AchievementInput {
  /** The certificate's row id (a random UUID): the subject's id in the credential. */
  certificateId: string;
  code: string;
  printedName: string;
  completedAt: string;
  issuedAt: string;
  issuer: { vi: string; en: string };
  statusIndex: number;
}

export function openBadgeCredential(input: BadgeInput, { origin }: { origin: string }) {
  const achievement = achievementOf(input, { origin });
  const issuerName = input.locale === "en" ? input.issuer.en : input.issuer.vi;
  return {
    "@context": OB_CONTEXT,
    id: `${origin}/verify/${input.code}`,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: achievement.name,
    description: achievement.description,
    ...(achievement.image ? { image: achievement.image } : {}),
    issuer: { id: issuerProfileId(origin), type: ["Profile"], name: issuerName, url: origin },
    validFrom: toSeconds(input.issuedAt),
    credentialSubject: {
      id: `urn:uuid:${input.certificateId}`,
      type: ["AchievementSubject"],
      identifier: [{ type: "IdentityObject", identityType: "name", hashed: false, identityHash: input.printedName }],
      achievement,
      activityEndDate: toSeconds(input.completedAt),
    },
    credentialStatus: statusListEntry(origin, input.statusIndex),
    credentialSchema: [{ id: OB_SCHEMA, type: "1EdTechJsonSchemaValidator2019" }],
  };
}

export type OpenBadgeCredential = ReturnType<typeof openBadgeCredential>;

/** A credential (a badge or the status list) as a VC-JWT, signed by the deployment's current key. */
export function signCredentialJwt(
  credential: { id: string; issuer: string | { id: string }; validFrom: string; credentialSubject: { id?: string } },
  signer: Signer,
  { origin }: { origin: string },
): string {
  const iss = typeof credential.issuer === "string" ? credential.issuer : credential.issuer.id;
  const payload = {
    ...credential,
    iss,
    ...(credential.credentialSubject.id ? { sub: credential.credentialSubject.id } : {}),
    jti: credential.id,
    nbf: new Date(credential.validFrom).getTime() / 1000,
  };
  return signJws(payload, signer, { typ: "JWT" }, keyUrl(origin, signer.kid));
}

export function signOpenBadge(credential: OpenBadgeCredential, signer: Signer, { origin }: { origin: string }): string {
  return signCredentialJwt(credential, signer, { origin });
}

/** The issuer's Profile as published at its id: standard members only. */
export function issuerProfile(origin: string, names: { vi: string; en: string }) {
  return {
    "@context": OB_CONTEXT,
    id: issuerProfileId(origin),
    type: ["Profile"],
    name: names.vi,
    description: names.en === names.vi ? names.vi : `${names.vi} (${names.en})`,
    url: origin,
  };
}

/** The published key set (RFC 7517): each key's `kid` is the address badges name it by. */
export function jwksOf(origin: string, keys: readonly { kid: string; x: string; revoked: { at: string } | null }[]) {
  const jwk = (k: { kid: string; x: string }) => ({
    kty: "OKP",
    crv: "Ed25519",
    x: k.x,
    kid: keyUrl(origin, k.kid),
    use: "sig",
    alg: "EdDSA",
  });
  return {
    keys: keys.filter((k) => !k.revoked).map(jwk),
    revoked_keys: keys.filter((k) => k.revoked).map((k) => ({ ...jwk(k), revoked_at: k.revoked!.at })),
  };
}
