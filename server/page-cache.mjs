// A small shared cache in front of Remix for pages that are the same for every anonymous visitor.
// It honours the response's own `Cache-Control: s-maxage=N` (set by the route for requests that
// carry no cookie), so what may be cached is decided by the app, not here. Requests with any
// cookie always reach the app: a learner's own pages are never served from here.
import { createHash } from "node:crypto";
import { brotliCompress, constants as zlibConstants, gzipSync } from "node:zlib";
import { LRUCache } from "lru-cache";
import { isHttps } from "./security.mjs";

// Not kept with a page: what belongs to one response (its request id, its length and encoding), and
// HSTS, which depends on how the visitor came (added again for each visitor over HTTPS).
const SKIP_HEADERS = new Set([
  "content-length",
  "content-encoding",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "date",
  "x-request-id",
  "strict-transport-security",
]);

/**
 * What a response writes, kept as it goes (`collect` takes `res.write`/`res.end`'s arguments):
 * for the page cache and page templates (page-templates.mjs), which keep what Remix rendered.
 */
export function bodyCollector() {
  /** @type {Buffer[]} */
  const chunks = [];
  return {
    /** @param {unknown} chunk @param {unknown} [encoding] */
    collect(chunk, encoding) {
      if (chunk == null || typeof chunk === "function") return;
      chunks.push(
        Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(/** @type {string} */ (chunk), /** @type {BufferEncoding} */ (typeof encoding === "string" ? encoding : "utf8")),
      );
    },
    body: () => Buffer.concat(chunks),
  };
}

/**
 * A stored page is served to many visitors, so it must not carry one response's CSP nonce: the
 * policy stored with it names the SHA-256 hashes of the page's inline scripts instead (the nonce
 * attributes left in the HTML then allow nothing). Hashes, not a nonce rewritten per hit: the
 * compressed copies stay byte for byte the same, and no nonce is ever reused.
 * @param {string} policy
 * @param {string} html
 */
export function policyForStoredPage(policy, html) {
  const hashes = new Set();
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\ssrc\s*=/i.test(match[1] ?? "")) continue;
    hashes.add(
      `'sha256-${createHash("sha256")
        .update(match[2] ?? "", "utf8")
        .digest("base64")}'`,
    );
  }
  return policy.replace(/\s*'nonce-[^']*'/g, "").replace(/(script-src[^;]*)/, (directive) => [directive, ...hashes].join(" "));
}

/** @typedef {{ status: number, headers: [string, string][], vary: string, body: Buffer, gzip: Buffer | null, br?: Buffer, storedAt: number, expires: number }} StoredPage */

/**
 * @param {{ maxEntries?: number, maxBytes?: number, now?: () => number }} [options]
 * @returns {import("express").RequestHandler & { stats: { hits: number, misses: number, stored: number }, clear: () => void, serve: (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => boolean }}
 */
export function pageCache({ maxEntries = 500, maxBytes = 64 * 1024 * 1024, now = Date.now } = {}) {
  /** Least recently used goes first past either bound; an entry counts its compressed copies too. @type {LRUCache<string, StoredPage>} */
  const entries = new LRUCache({
    max: maxEntries,
    maxSize: maxBytes,
    sizeCalculation: (entry) => Math.max(1, entry.body.length + (entry.gzip?.length ?? 0) + (entry.br?.length ?? 0)),
  });
  const stats = { hits: 0, misses: 0, stored: 0 };

  /**
   * A compressed copy added to a page still stored (a new object, so that its size is counted
   * again; like any `set`, it also makes the page the most recently used).
   */
  const addCopy = (key, entry, copy) => {
    const current = entries.peek(key);
    if (current?.body !== entry.body) return;
    entries.set(key, { ...current, ...copy });
  };

  const store = (key, entry) => {
    entries.set(key, entry);
    stats.stored += 1;
    // Brotli at its best quality, made once in the background (~0.1 s of a worker thread): until it
    // is ready, hits get gzip. About 20% fewer bytes than gzip for a lesson page.
    brotliCompress(
      entry.body,
      { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: entry.body.length } },
      (error, br) => {
        if (!error) addCopy(key, entry, { br });
      },
    );
  };

  /**
   * Sends the stored page, if there is one, and says whether it did. The server calls it before
   * Express (`serve`, on the plain `node:http` request): a hit needs none of the middleware, since
   * the stored headers are those the page was first sent with (security headers included, its CSP
   * made of hashes).
   * @param {import("node:http").IncomingMessage & { originalUrl?: string }} req
   * @param {import("node:http").ServerResponse} res
   * @returns {boolean}
   */
  const serveStored = (req, res) => {
    if ((req.method !== "GET" && req.method !== "HEAD") || req.headers.cookie || req.headers.authorization) return false;
    // One copy per Host too: where PUBLIC_URL is unset, a page's own address (canonical link,
    // link preview, QR codes) comes from the request, and a forged Host must not reach anyone else.
    const key = `${req.headers.host ?? ""} ${req.originalUrl ?? req.url}`;
    // (`get` also marks it the most recently used.)
    const entry = entries.get(key);
    if (!entry || entry.expires <= now()) return false;
    stats.hits += 1;
    const accept = String(req.headers["accept-encoding"] ?? "");
    const gzip = /\bgzip\b/.test(accept);
    let body = entry.body;
    if (entry.br && /\bbr\b/.test(accept)) {
      body = entry.br;
      res.setHeader("Content-Encoding", "br");
    } else if (gzip) {
      body = entry.gzip ?? gzipSync(entry.body);
      if (!entry.gzip) addCopy(key, entry, { gzip: body });
      res.setHeader("Content-Encoding", "gzip");
    }
    res.statusCode = entry.status;
    for (const [name, value] of entry.headers) res.setHeader(name, value);
    res.setHeader("Vary", entry.vary);
    if (isHttps(req)) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    res.setHeader("Age", String(Math.floor((now() - entry.storedAt) / 1000)));
    res.setHeader("X-Cache", "HIT");
    res.setHeader("Content-Length", String(body.length));
    res.end(req.method === "HEAD" ? undefined : body);
    return true;
  };

  /** @type {import("express").RequestHandler} */
  const middleware = (req, res, next) => {
    if (serveStored(req, res)) return;
    if ((req.method !== "GET" && req.method !== "HEAD") || req.headers.cookie || req.headers.authorization) return next();
    const key = `${req.headers.host ?? ""} ${req.originalUrl}`;
    entries.delete(key);
    stats.misses += 1;
    if (req.method !== "GET") return next();

    const { collect, body: collected } = bodyCollector();
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    // (same signature as the original)
    res.write = (chunk, encoding, cb) => {
      collect(chunk, encoding);
      return write(chunk, encoding, cb);
    };
    // (same signature as the original)
    res.end = (chunk, encoding, cb) => {
      collect(chunk, encoding);
      const maxAge = /(?:^|,)\s*s-maxage=(\d+)/i.exec(String(res.getHeader("Cache-Control") ?? ""));
      const vary = String(res.getHeader("Vary") ?? "")
        .toLowerCase()
        .split(",")
        .map((v) => v.trim())
        .filter(Boolean);
      const cacheable =
        res.statusCode === 200 &&
        maxAge &&
        Number(maxAge[1]) > 0 &&
        !res.getHeader("Set-Cookie") &&
        vary.every((v) => v === "accept-encoding" || v === "cookie");
      if (cacheable) {
        const headers = Object.entries(res.getHeaders())
          .filter(([name]) => !SKIP_HEADERS.has(name.toLowerCase()) && name.toLowerCase() !== "vary")
          .map(([name, value]) => [name, Array.isArray(value) ? value.join(", ") : String(value)]);
        const body = collected();
        for (const header of headers) {
          if (header[0].toLowerCase() === "content-security-policy") header[1] = policyForStoredPage(header[1], body.toString("utf8"));
        }
        const at = now();
        // Served with or without compression: caches downstream must keep the two apart.
        const varyHeader = [...new Set([...vary, "accept-encoding"])].join(", ");
        store(key, { status: 200, headers, vary: varyHeader, body, gzip: null, storedAt: at, expires: at + Number(maxAge[1]) * 1000 });
      }
      return end(chunk, encoding, cb);
    };
    next();
  };

  return Object.assign(middleware, {
    stats,
    serve: serveStored,
    clear: () => entries.clear(),
  });
}
