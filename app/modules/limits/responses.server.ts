import { data, type HeadersFunction } from "@remix-run/node";
import type { Locale } from "~/i18n/config";
import { translate } from "~/i18n/locale.server";
import { retryMinutes, type LimitRefusal } from "./limits";

/** Seconds a client is told to wait when argon2's queue is full. */
export const BUSY_RETRY_SECONDS = 5;

/** Thrown by a page's loader or action: 429 with Retry-After; the root error page says it in the visitor's language. */
export function tooManyRequests(retryAfterSeconds: number): never {
  throw data<LimitRefusal>(
    { refusal: "tooMany", retryAfterSeconds },
    { status: 429, headers: { "Retry-After": String(retryAfterSeconds), "Cache-Control": "no-store" } },
  );
}

/** Thrown when the password queue is full: 503 with Retry-After, a page in the visitor's language. */
export function serviceBusy(): never {
  throw data<LimitRefusal>(
    { refusal: "busy", retryAfterSeconds: BUSY_RETRY_SECONDS },
    { status: 503, headers: { "Retry-After": String(BUSY_RETRY_SECONDS), "Cache-Control": "no-store" } },
  );
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The same refusal for a file (a PDF): a small page of its own, since a resource route's thrown
 * response is sent as it is, without the app's error page.
 */
export function tooManyRequestsPage(locale: Locale, retryAfterSeconds: number, back: string): Response {
  const title = translate(locale, "limits.tooMany.title");
  const body = translate(locale, "limits.tooMany.body", { count: retryMinutes(retryAfterSeconds) });
  const link = translate(locale, "limits.back");
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>body{font:18px/1.5 system-ui,sans-serif;margin:1rem auto;max-width:36rem;padding:0 1rem}</style></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p><p><a href="${escapeHtml(back)}">${escapeHtml(link)}</a></p></body></html>`;
  return new Response(html, {
    status: 429,
    headers: { "Content-Type": "text/html; charset=utf-8", "Retry-After": String(retryAfterSeconds), "Cache-Control": "no-store" },
  });
}

/**
 * A route's `headers` for pages that may answer 429/503: Retry-After from the action, the loader
 * or a thrown refusal, next to the loader's own headers (Remix drops them otherwise).
 */
export const retryAfterHeaders: HeadersFunction = ({ loaderHeaders, actionHeaders, errorHeaders }) => {
  const headers = new Headers(loaderHeaders);
  const retry = errorHeaders?.get("Retry-After") ?? actionHeaders.get("Retry-After");
  if (retry) {
    headers.set("Retry-After", retry);
    headers.set("Cache-Control", "no-store");
  }
  return headers;
};
