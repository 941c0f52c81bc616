import type { LoaderFunctionArgs } from "@remix-run/node";
import { certificateBadge } from "~/modules/certificates/certificates.server";
import { requireOwnCertificate } from "~/modules/certificates/owner.server";
import { siteOrigin } from "~/modules/http/public-url.server";

/** The certificate as an Open Badges 3.0 credential, secured as a VC-JWT (a compact JWS). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, certificate } = await requireOwnCertificate(request, params);
  if (certificate.revoked) throw new Response(null, { status: 410 });
  const jwt = await certificateBadge(certificate, { locale, origin: siteOrigin() });
  if (jwt === null) throw new Response(null, { status: 404 });
  return new Response(jwt, {
    headers: {
      "Content-Type": "application/jwt; charset=utf-8",
      "Content-Disposition": `attachment; filename="open-badge-${certificate.code}.jwt"`,
      "Cache-Control": "private, no-cache",
    },
  });
}
