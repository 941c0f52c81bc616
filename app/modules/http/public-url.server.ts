import { getEnv } from "~/env.server";

/**
 * The site's address in everything that prints or signs one (QR codes, posters, login cards,
 * certificates, badges, the issuer profile): PUBLIC_URL, never the request's Host header, which
 * the client chooses. Without PUBLIC_URL, `http://localhost:<PORT>`: `npm start` works on this
 * machine, and the pages that print or issue say that the address is not set (PublicUrlNotice).
 */
export function siteOrigin(): string {
  const env = getEnv();
  return env.PUBLIC_URL ? new URL(env.PUBLIC_URL).origin : `http://localhost:${env.PORT}`;
}

/** For the notice on pages that print or issue: null when PUBLIC_URL is set, else the address used instead. */
export function missingPublicUrl(): { origin: string } | null {
  return getEnv().PUBLIC_URL ? null : { origin: siteOrigin() };
}
