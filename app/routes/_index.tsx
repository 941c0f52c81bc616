import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { negotiateLocale } from "~/i18n/config";

/** "/" sends the browser to its language: /vi or /en. */
export function loader({ request }: LoaderFunctionArgs) {
  const locale = negotiateLocale(request.headers.get("Accept-Language"));
  return redirect(`/${locale}`, { headers: { Vary: "Accept-Language" } });
}
