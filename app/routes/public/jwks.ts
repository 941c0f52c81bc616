import { getCertificateKey } from "~/modules/certificates/keys.server";

/** The public key that signs certificates, as a JWK set (RFC 7517): for verifiers and wallets. */
export function loader() {
  const { jwk } = getCertificateKey();
  return new Response(JSON.stringify({ keys: [jwk] }, null, 2), {
    headers: { "Content-Type": "application/jwk-set+json", "Cache-Control": "public, max-age=3600", "Access-Control-Allow-Origin": "*" },
  });
}
