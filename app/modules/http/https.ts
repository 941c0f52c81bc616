/**
 * Did the visitor reach us over HTTPS? Directly, or behind a proxy that says so in
 * `X-Forwarded-Proto` (Express reads it for the request's URL only with TRUST_PROXY; for this
 * question it is read always: a client that lies gets a `Secure` cookie its own browser will not
 * send over plain HTTP, which harms nobody else).
 */
export function isHttps(request: Request): boolean {
  if (new URL(request.url).protocol === "https:") return true;
  const forwarded = request.headers.get("X-Forwarded-Proto")?.split(",")[0]?.trim().toLowerCase();
  return forwarded === "https";
}
