import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { negotiateLocale } from "~/i18n/config";
import { supportedLocales } from "~/i18n/locale.server";

/** /verify: the form in the reader's language (a code typed into the address goes along). */
export function loader({ request }: LoaderFunctionArgs) {
  const locale = negotiateLocale(request.headers.get("Accept-Language"), supportedLocales());
  return redirect(`/${locale}/verify${new URL(request.url).search}`, { headers: { Vary: "Accept-Language" } });
}
