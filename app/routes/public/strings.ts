import type { LoaderFunctionArgs } from "@remix-run/node";
import { supportedLocales } from "~/i18n/locale.server";
import { buildStringAssets, stringAssetByFile } from "~/i18n/strings.server";

/**
 * A locale's interface strings for one area of the site (app/i18n/areas.ts), as the browser's
 * i18next loads them: `/assets/strings/vi.course-<hash>.json`. The name holds the content's hash,
 * so it is cached for a year and never asked for again; compressed once, at brotli's best.
 */
export function loader({ params, request }: LoaderFunctionArgs) {
  const file = params.asset ?? "";
  let asset = stringAssetByFile(file);
  if (!asset) {
    // A server that has not built them yet (the development server: no warm-up).
    buildStringAssets(supportedLocales());
    asset = stringAssetByFile(file);
  }
  if (!asset) throw new Response(null, { status: 404 });
  const accepts = request.headers.get("Accept-Encoding") ?? "";
  const [body, encoding] = /\bbr\b/.test(accepts) ? [asset.br, "br"] : /\bgzip\b/.test(accepts) ? [asset.gzip, "gzip"] : [asset.body, null];
  const headers = new Headers({
    "Content-Type": "application/json; charset=utf-8",
    "Cache-Control": "public, max-age=31536000, immutable",
    Vary: "Accept-Encoding",
    "Content-Length": String(body.length),
  });
  if (encoding) headers.set("Content-Encoding", encoding);
  return new Response(body, { headers });
}
