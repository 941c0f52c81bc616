import { issuerProfile } from "~/modules/certificates/badge";
import { issuerNames } from "~/modules/certificates/config.server";
import { siteOrigin } from "~/modules/http/public-url.server";

/**
 * The issuer's Open Badges 3.0 Profile, the `issuer.id` of every credential this site signs:
 * standard members only (the keys are at /.well-known/jwks.json, named by each badge's `kid`).
 */
export function loader() {
  return new Response(JSON.stringify(issuerProfile(siteOrigin(), issuerNames()), null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "public, max-age=3600",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
