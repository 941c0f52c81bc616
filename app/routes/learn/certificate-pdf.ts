import type { LoaderFunctionArgs } from "@remix-run/node";
import { certificatePdf, publicOrigin } from "~/modules/certificates/certificates.server";
import { requireOwnCertificate } from "~/modules/certificates/owner.server";

/** The certificate as a PDF, A4 landscape (or ?paper=a5), in the URL's language with the other beneath. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, certificate } = await requireOwnCertificate(request, params);
  const paper = new URL(request.url).searchParams.get("paper") === "a5" ? "a5" : "a4";
  const bytes = await certificatePdf(certificate, { locale, paper, origin: publicOrigin(request) });
  return new Response(Buffer.from(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="chung-nhan-${certificate.code}-${paper}.pdf"`,
      "Cache-Control": "private, no-cache",
    },
  });
}
