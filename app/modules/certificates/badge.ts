import { localised } from "~/modules/content/programme";
import { signJws, type PublicJwk, type Signer } from "./signing";

/**
 * A certificate as an Open Badges 3.0 OpenBadgeCredential (a W3C Verifiable Credential, data
 * model 2.0), secured as a VC-JWT (OB 3.0 §8.2): the JWT payload is the credential itself plus
 * the registered claims iss, jti and nbf; the header names the key (kid) and carries the public
 * key (jwk), signed with the same Ed25519 key as the certificate. Learners are identified by
 * name only (an IdentityObject), never by an account id or login.
 */

export const OB_CONTEXT = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"];

export interface BadgeInput {
  code: string;
  kind: "module" | "programme";
  subjectId: string;
  printedName: string;
  titles: Record<string, string>;
  descriptions?: Record<string, string>;
  completedAt: string;
  issuedAt: string;
  issuer: { vi: string; en: string };
  /** The language of the credential's texts. */
  locale: string;
}

export function openBadgeCredential(input: BadgeInput, { origin }: { origin: string }) {
  const name = localised(input.titles, input.locale);
  const issuerName = input.locale === "en" ? input.issuer.en : input.issuer.vi;
  const description =
    input.kind === "programme" && input.descriptions
      ? localised(input.descriptions, input.locale)
      : input.locale === "vi"
        ? `Đã học xong và đạt yêu cầu tất cả các bài học và bài thực hành của học phần "${name}".`
        : `Completed and passed every lesson and practice of the module "${name}".`;
  const achievementId = `${origin}/certificates/achievements/${input.kind}/${input.subjectId}`;
  return {
    "@context": OB_CONTEXT,
    id: `${origin}/verify/${input.code}`,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name,
    issuer: { id: `${origin}/.well-known/openbadges-issuer.json`, type: ["Profile"], name: issuerName, url: origin },
    validFrom: input.issuedAt,
    credentialSubject: {
      type: ["AchievementSubject"],
      identifier: [{ type: "IdentityObject", identityType: "name", hashed: false, identityHash: input.printedName }],
      achievement: {
        id: achievementId,
        type: ["Achievement"],
        achievementType: "Certificate",
        name,
        description,
        criteria: { narrative: description },
        inLanguage: input.locale,
      },
      activityEndDate: input.completedAt,
    },
  };
}

export type OpenBadgeCredential = ReturnType<typeof openBadgeCredential>;

/** The credential as a VC-JWT, signed by the deployment's certificate key. */
export function signOpenBadge(credential: OpenBadgeCredential, signer: Signer & { jwk: PublicJwk }): string {
  const { kty, crv, x } = signer.jwk;
  const payload = {
    ...credential,
    iss: credential.issuer.id,
    jti: credential.id,
    nbf: Math.floor(new Date(credential.validFrom).getTime() / 1000),
  };
  return signJws(payload, signer, { typ: "JWT", jwk: { kty, crv, x } });
}
