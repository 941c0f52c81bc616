import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireLocale, translate } from "~/i18n/locale.server";

/**
 * The web app manifest, in the page's language: installable to the home screen, opening on the
 * home page of that language, which the service worker keeps for offline use.
 */
export function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const manifest = {
    id: "/",
    name: translate(locale, "site.name"),
    short_name: translate(locale, "access:app.shortName"),
    description: translate(locale, "access:app.description"),
    lang: locale,
    start_url: `/${locale}`,
    scope: "/",
    display: "standalone",
    orientation: "portrait",
    background_color: "#ffffff",
    theme_color: "#0b5cad",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png" },
      { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
      { src: "/favicon.svg", sizes: "any", type: "image/svg+xml" },
    ],
  };
  return new Response(JSON.stringify(manifest), {
    headers: { "Content-Type": "application/manifest+json; charset=utf-8", "Cache-Control": "public, max-age=86400" },
  });
}
