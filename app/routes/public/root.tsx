import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { negotiateLocale } from "~/i18n/config";
import { supportedLocales } from "~/i18n/locale.server";

/** "/" sends the browser to its language: /vi or /en. */
export function loader({ request }: LoaderFunctionArgs) {
  const locale = negotiateLocale(request.headers.get("Accept-Language"), supportedLocales());
  return redirect(`/${locale}`, { headers: { Vary: "Accept-Language" } });
}
