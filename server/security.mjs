// Security at the door, before the app reads anything: response headers (helmet, a CSP nonce per
// response, HSTS over HTTPS, Permissions-Policy), cross-site posts refused with a 403 page, and
// request bodies over the ceiling refused with a 413 page before they are read.
import { randomBytes } from "node:crypto";
import helmet from "helmet";

/** HTTPS as the visitor sees it: directly, or said by the proxy (`X-Forwarded-Proto`). */
export function isHttps(req) {
  if (req.secure || req.socket?.encrypted) return true;
  const forwarded = String(req.headers["x-forwarded-proto"] ?? "")
    .split(",")[0]
    .trim()
    .toLowerCase();
  return forwarded === "https";
}

/** Browser features the site never uses, turned off for it and anything it embeds. */
export const PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=()";

/**
 * The headers of every response. Inline scripts run only with this response's nonce (Remix's
 * `<Scripts>`/`<ScrollRestoration>` and the display script in `<head>`, app/root.tsx); the page
 * cache swaps the nonce for the hashes of the stored page's inline scripts (server/page-cache.mjs).
 * @returns {import("express").RequestHandler}
 */
export function securityHeaders() {
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'", (_req, res) => `'nonce-${res.locals.cspNonce}'`],
        // React's style attributes and the lessons' HTML: styles cannot run code.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        // connect-src, manifest-src and media-src fall back to default-src, worker-src to
        // script-src: 'self' either way, so they are not sent (74 bytes of every page's headers).
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
      },
    },
    // Sent below only when the visitor reached us over HTTPS (a LAN server on plain HTTP must keep working).
    strictTransportSecurity: false,
    referrerPolicy: { policy: "same-origin" },
    xFrameOptions: { action: "sameorigin" },
    // Verifiers and badge wallets fetch /.well-known/* from elsewhere.
    crossOriginResourcePolicy: { policy: "same-site" },
    // Headers for browsers long gone (IE, Flash) or defaults already: bytes on every page for nothing.
    xXssProtection: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xDnsPrefetchControl: false,
    originAgentCluster: false,
  });
  return (req, res, next) => {
    // Files (hashed assets, icons, the service worker, JSON keys) and the data a page's scripts
    // fetch (a client navigation's `.data`, Remix's route table at /__manifest): a policy means
    // nothing for a script, an image or JSON, and a lesson's first load must stay within 100 KB,
    // headers included (README, decision 22): they get only what matters for a file.
    if (req.path.startsWith("/assets/") || req.path === "/__manifest" || /\.[a-z0-9]+$/i.test(req.path)) {
      res.setHeader("X-Content-Type-Options", "nosniff");
      return next();
    }
    res.locals.cspNonce = randomBytes(16).toString("base64");
    res.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
    if (isHttps(req)) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    headers(req, res, next);
  };
}

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The host (name:port) of an Origin or Referer value, or null when there is none or it is opaque. */
function hostOf(value) {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.host.toLowerCase() : null;
  } catch {
    return null;
  }
}

/**
 * Is this state-changing request from this site? The browser says so: `Sec-Fetch-Site` (when sent)
 * must be same-origin or none, and `Origin` (or, without it, `Referer`) must name this site: the
 * host the request was sent to (Host, or X-Forwarded-Host as the framework reads it) or PUBLIC_URL's.
 * A request with neither header (a script, curl) is let through: it carries no one's cookies by accident.
 */
export function isSameSitePost(req, publicHost) {
  const fetchSite = req.headers["sec-fetch-site"];
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") return false;
  const origin = req.headers.origin;
  const referer = req.headers.referer;
  if (origin === undefined && referer === undefined) return true;
  const claimed = origin !== undefined ? hostOf(origin) : hostOf(referer);
  if (!claimed) return false;
  const allowed = new Set(
    [
      req.headers.host,
      String(req.headers["x-forwarded-host"] ?? "")
        .split(",")[0]
        ?.trim(),
      publicHost,
    ]
      .filter(Boolean)
      .map((h) => String(h).toLowerCase()),
  );
  return allowed.has(claimed);
}

/** How long the rest of a refused body is read (and thrown away) before the connection is cut. */
const LINGER_MS = 5_000;

/**
 * A response sent before its request's body has all arrived (a 413, a 403, an action that
 * redirects without reading the form) closes its connection: `Connection: close`, so that neither
 * a browser nor a proxy sends another request after it (Node would not read one: the body's stream,
 * opened by the Remix adapter and paused, holds the connection, and behind a load balancer the
 * next learner's request on it would wait for a timeout). The rest of the body is read and thrown
 * away meanwhile, so the visitor's browser, still sending, can read the page instead of a reset
 * connection, as nginx's "lingering close" does; memory does not grow. It stops after LINGER_MS.
 */
function lingerThenClose(req, res) {
  const writeHead = res.writeHead;
  // (same signature as the original)
  res.writeHead = function (...args) {
    if (!req.complete && !res.headersSent) res.setHeader("Connection", "close");
    return writeHead.apply(this, args);
  };
  res.once("finish", () => {
    if (req.complete) return;
    // Whatever was reading the body (the app's form reader stopped at its limit) lets go of it.
    req.removeAllListeners("data");
    req.resume();
    const timer = setTimeout(() => req.socket.destroy(), LINGER_MS);
    timer.unref();
    req.once("end", () => clearTimeout(timer));
    req.once("close", () => clearTimeout(timer));
  });
}

/**
 * Refuses, with a page in the visitor's language and before anything is read:
 * - a body declared larger than `ceiling` bytes (413, before a byte of it is read; the rest is
 *   thrown away for at most a few seconds, then the connection is cut);
 * - a post from another site (403): this replaces the framework's own origin check, which answered 500.
 * Any answer the app gives before the body has arrived (a 413 for a form over its limit, refused
 * while streaming, or a redirect that never read it) ends the same way.
 * @param {{ ceiling: number, publicUrl?: string, render: (kind: "tooLarge" | "crossSite", req: { path: string, acceptLanguage?: string }) => string }} options
 * @returns {import("express").RequestHandler}
 */
export function requestGuard({ ceiling, publicUrl, render }) {
  const publicHost = publicUrl ? hostOf(publicUrl) : null;
  const refuse = (req, res, status, kind) => {
    res.status(status);
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.setHeader("Cache-Control", "no-store");
    lingerThenClose(req, res);
    res.end(render(kind, { path: req.path, acceptLanguage: req.headers["accept-language"] }));
  };
  return (req, res, next) => {
    if (!UNSAFE_METHODS.has(req.method)) return next();
    const length = req.headers["content-length"];
    if (length !== undefined && !(/^\d{1,15}$/.test(length) && Number(length) <= ceiling)) return refuse(req, res, 413, "tooLarge");
    if (!isSameSitePost(req, publicHost)) return refuse(req, res, 403, "crossSite");
    // Ours is the check: the framework's would compare Origin with Host only, and answer 500.
    delete req.headers.origin;
    lingerThenClose(req, res);
    next();
  };
}
