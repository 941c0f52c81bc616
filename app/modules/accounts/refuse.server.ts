import { redirect } from "@remix-run/node";
import { defaultLocale } from "~/i18n/config";
import { isSupportedLocale } from "~/i18n/locale.server";

/**
 * How a page refuses someone (issue 11, app/routes.ts): a visitor with no session at all who asks
 * for a page (GET) may be its rightful reader who is simply logged out — a bookmarked class page,
 * a learner's own result link — so they are sent to the log-in page with the address to come back
 * to. Anyone signed in who may not see it, and every refused post, gets a 404 as before (decision
 * 25): nothing says whether the record exists.
 */
export function refuse(request: Request, { signedIn }: { signedIn: boolean }): never {
  if (!signedIn && request.method === "GET") throw redirect(logInToReturn(request));
  throw new Response(null, { status: 404 });
}

/** `/<lang>/login?redirectTo=<this page>`, for the page the request asked for. */
export function logInToReturn(request: Request): string {
  const url = new URL(request.url);
  // A client-side navigation's data request names the same page.
  const pathname = url.pathname.replace(/\.data$/, "");
  url.searchParams.delete("_data");
  url.searchParams.delete("_routes");
  const first = pathname.split("/")[1];
  const locale = isSupportedLocale(first) ? first : defaultLocale;
  const back = `${pathname}${url.searchParams.size ? `?${url.searchParams}` : ""}`;
  return `/${locale}/login?${new URLSearchParams({ redirectTo: back })}`;
}
