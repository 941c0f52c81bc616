import type { Params } from "@remix-run/react";
import { getEnv } from "~/env.server";
import { builtInLocales, type Locale } from "./config";
import { serverI18n } from "./strings.server";

let supported: readonly Locale[] | undefined;

/** Every locale this deployment serves: vi, en and any EXTRA_LOCALES. */
export function supportedLocales(): readonly Locale[] {
  supported ??= [...new Set([...builtInLocales, ...getEnv().EXTRA_LOCALES])];
  return supported;
}

export function isSupportedLocale(value: unknown): value is Locale {
  return typeof value === "string" && supportedLocales().includes(value);
}

/** The URL's locale, or a 404 for a prefix we do not serve. */
export function requireLocale(params: Params): Locale {
  if (!isSupportedLocale(params.lang)) throw new Response(null, { status: 404 });
  return params.lang;
}

export function notFound(): never {
  throw new Response(null, { status: 404 });
}

/** A translated string on the server, e.g. for page titles. */
export function translate(locale: Locale, key: string, options?: Record<string, unknown>): string {
  return serverI18n(locale).t(key, options);
}
