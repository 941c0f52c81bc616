import { getCertificateKey } from "~/modules/certificates/keys.server";

/** The same public key in PEM (SubjectPublicKeyInfo): for `npm run certificate:verify` and openssl. */
export function loader() {
  return new Response(getCertificateKey().publicPem, {
    headers: {
      "Content-Type": "application/x-pem-file",
      "Content-Disposition": 'inline; filename="certificate-key.pem"',
      "Cache-Control": "public, max-age=3600",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
