import type { LoaderFunctionArgs } from "@remix-run/node";
import { certificatePdf } from "~/modules/certificates/certificates.server";
import { requireOwnCertificate } from "~/modules/certificates/owner.server";
import { siteOrigin } from "~/modules/http/public-url.server";
import { getDb } from "~/db.server";
import type { Locale } from "~/i18n/config";
import { take } from "~/modules/limits/limits.server";
import { tooManyRequestsPage } from "~/modules/limits/responses.server";

/** The certificate as a PDF, A4 landscape (or ?paper=a5), in the URL's language with the other beneath. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { locale, certificate } = await requireOwnCertificate(request, params);
  const allowed = await take(await getDb(), [
    ["pdfLearner", [certificate.learnerId]],
    ["pdfAddress", [context.clientAddress ?? "unknown"]],
  ]);
  if (!allowed.ok) return tooManyRequestsPage(locale as Locale, allowed.retryAfterSeconds, `/${locale}/certificates/${certificate.code}`);
  const paper = new URL(request.url).searchParams.get("paper") === "a5" ? "a5" : "a4";
  const bytes = await certificatePdf(certificate, { locale, paper, origin: siteOrigin() });
  return new Response(Buffer.from(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="chung-nhan-${certificate.code}-${paper}.pdf"`,
      "Cache-Control": "private, no-cache",
    },
  });
}
