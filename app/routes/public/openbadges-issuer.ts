import { issuerNames } from "~/modules/certificates/config.server";
import { getCertificateKey } from "~/modules/certificates/keys.server";
import { siteOrigin } from "~/modules/http/public-url.server";

/** The issuer's Open Badges 3.0 Profile: the `issuer.id` of every credential this site signs. */
export function loader() {
  const origin = siteOrigin();
  const names = issuerNames();
  const { jwk } = getCertificateKey();
  const profile = {
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    id: `${origin}/.well-known/openbadges-issuer.json`,
    type: ["Profile"],
    name: names.vi,
    description: names.en,
    url: origin,
    verificationKeys: `${origin}/.well-known/jwks.json`,
    publicKey: jwk,
  };
  return new Response(JSON.stringify(profile, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "public, max-age=3600",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
