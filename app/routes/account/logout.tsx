import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireLocale } from "~/i18n/locale.server";
import { handleLogout } from "~/modules/accounts/auth.server";

/** Logging out changes state, so it is a POST; a GET just goes home. */
export function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/${requireLocale(params)}`);
}

export function action({ request, params }: ActionFunctionArgs) {
  return handleLogout(request, requireLocale(params));
}
