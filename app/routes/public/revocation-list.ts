import { revocationListJwt } from "~/modules/certificates/certificates.server";
import { siteOrigin } from "~/modules/http/public-url.server";

/**
 * The public revocation list (a W3C Bitstring Status List credential, signed as a VC-JWT): what
 * every badge's credentialStatus points at. Made from the database on each request, so a
 * revocation shows within the cache time below, to any verifier, with no account.
 */
export async function loader() {
  return new Response(await revocationListJwt({ origin: siteOrigin() }), {
    headers: { "Content-Type": "application/vc+jwt", "Cache-Control": "public, max-age=60", "Access-Control-Allow-Origin": "*" },
  });
}
