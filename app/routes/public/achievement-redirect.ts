import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { negotiateLocale } from "~/i18n/config";
import { supportedLocales } from "~/i18n/locale.server";
import { achievementFor } from "~/modules/certificates/certificates.server";
import { siteOrigin } from "~/modules/http/public-url.server";

/**
 * /achievements/<module|programme>/<id>: the `id` of an Achievement in every badge. A program
 * asking for JSON gets the Achievement itself; a person is sent to its page in their language.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const kind = params.kind === "module" || params.kind === "programme" ? params.kind : null;
  const locale = negotiateLocale(request.headers.get("Accept-Language"), supportedLocales());
  const achievement = kind ? await achievementFor(kind, params.id ?? "", { locale, origin: siteOrigin() }) : null;
  if (!achievement) throw new Response(null, { status: 404 });
  const accept = request.headers.get("Accept") ?? "";
  if (/application\/(ld\+)?json/.test(accept) && !/text\/html/.test(accept)) {
    return new Response(JSON.stringify(achievement, null, 2), {
      headers: { "Content-Type": "application/json; charset=utf-8", "Access-Control-Allow-Origin": "*", Vary: "Accept, Accept-Language" },
    });
  }
  return redirect(`/${locale}/achievements/${kind}/${encodeURIComponent(params.id ?? "")}`, {
    headers: { Vary: "Accept, Accept-Language" },
  });
}
