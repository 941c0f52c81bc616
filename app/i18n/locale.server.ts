import type { Params } from "@remix-run/react";
import { isLocale, type Locale } from "./config";
import { serverI18n } from "./strings.server";

/** The URL's locale, or a 404 for a prefix we do not serve. */
export function requireLocale(params: Params): Locale {
  if (!isLocale(params.lang)) throw new Response(null, { status: 404 });
  return params.lang;
}

export function notFound(): never {
  throw new Response(null, { status: 404 });
}

/** A translated string on the server, e.g. for page titles. */
export function translate(locale: Locale, key: string, options?: Record<string, unknown>): string {
  return serverI18n(locale).t(key, options);
}
