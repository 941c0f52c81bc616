import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { negotiateLocale } from "~/i18n/config";
import { supportedLocales } from "~/i18n/locale.server";

/**
 * /verify/<code>: what QR codes and printed certificates point to, language-neutral. Sends the
 * reader to the page in their language, keeping the signed payload (?t=…).
 */
export function loader({ request, params }: LoaderFunctionArgs) {
  const locale = negotiateLocale(request.headers.get("Accept-Language"), supportedLocales());
  const code = encodeURIComponent(params.code ?? "");
  return redirect(`/${locale}/verify/${code}${new URL(request.url).search}`, { headers: { Vary: "Accept-Language" } });
}
