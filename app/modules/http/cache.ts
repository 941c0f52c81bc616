import type { HeadersFunction } from "@remix-run/node";

/** Seconds a shared cache (the server's page cache, a CDN) may keep a page for anonymous visitors. */
export const SHARED_MAX_AGE = 300;

/**
 * Cache headers for a page that is identical for everyone without a cookie: it may then be kept by
 * a shared cache, while browsers always revalidate. Any cookie (a guest or an account) makes the
 * page private, since it then shows that learner's progress.
 */
export function pageCacheHeaders(request: Request): Record<string, string> {
  return request.headers.has("Cookie")
    ? { "Cache-Control": "private, no-cache", Vary: "Cookie" }
    : { "Cache-Control": `public, max-age=0, s-maxage=${SHARED_MAX_AGE}`, Vary: "Cookie" };
}

/** Routes using pageCacheHeaders export this as `headers` so that document responses carry them. */
export const loaderHeaders: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;
