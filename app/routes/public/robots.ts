import type { LoaderFunctionArgs } from "@remix-run/node";
import { supportedLocales } from "~/i18n/locale.server";
import { siteOrigin } from "~/modules/http/public-url.server";
import { robotsTxt } from "~/modules/seo/robots";

/** /robots.txt: the course is open to crawlers, personal, teaching and admin pages are not (modules/seo/robots.ts). */
export function loader(_args: LoaderFunctionArgs) {
  return new Response(robotsTxt({ origin: siteOrigin(), locales: supportedLocales() }), {
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
