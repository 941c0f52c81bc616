import { getDb } from "~/db.server";
import { jwksOf } from "~/modules/certificates/badge";
import { publishedKeys } from "~/modules/certificates/keys.server";
import { siteOrigin } from "~/modules/http/public-url.server";

/**
 * Every public key that has signed certificates, as a JWK set (RFC 7517), for verifiers and
 * wallets. A badge's `kid` is this address with the key id as its fragment, and each key's `kid`
 * here is that same address, so a verifier resolves the key from here and nowhere else. Earlier
 * keys stay after a rotation, so every badge ever issued still verifies; a revoked key leaves
 * `keys` (verifiers then refuse what it signed) and is listed under `revoked_keys` with the date,
 * an extra member that JOSE libraries ignore (RFC 7517 § 5).
 */
export async function loader() {
  const origin = siteOrigin();
  const body = jwksOf(origin, await publishedKeys(await getDb()));
  return new Response(JSON.stringify(body, null, 2), {
    headers: { "Content-Type": "application/jwk-set+json", "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
  });
}
