// Page templates: a signed-in learner's page, rendered once and filled in for everyone who sees it.
//
// Anonymous pages come from the page cache (page-cache.mjs); a request with a cookie used to be
// rendered by React every time (~3.7 ms of CPU for a lesson). Yet a lesson is the same for every
// learner but for the root's part: the name in the header, the header's links, the display
// settings. So, for a page whose routes all say so (`handle.sameForEveryLearner`, checked by
// entry.server.tsx), the server renders it once per "key" (everything the root sends with the
// learner's name left out: app/modules/http/root-data.server.ts) with a placeholder in place of the
// name and keeps it split at the placeholder and at the response's CSP nonce. Every further
// request with the same key gets the stored parts joined with its own name (escaped as React and
// Remix's hydration script would have escaped it) and its own nonce: no render at all.
//
// - A page becomes a template only after a normal render of its address said it may (the
//   placeholder is never rendered into a page that did not say so, whose name could be used in
//   ways a string replacement cannot follow: a QR code, a signature).
// - Each key keeps up to `variants` renders (default 4), each with its own draws (a quiz's option
//   order, decision 32), one picked at random per request; they are redrawn after `ttlMs`.
// - Bounded by bytes (least recently used goes first), per process.
import { randomBytes } from "node:crypto";
import { isbot } from "isbot";
import { LRUCache } from "lru-cache";
import { bodyCollector } from "./page-cache.mjs";

/** React's escaping of text and attribute values (react-dom's escapeTextForBrowser). */
export function escapeForHtml(text) {
  return text.replace(/["'&<>]/g, (c) => ({ '"': "&quot;", "'": "&#x27;", "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]);
}

const SCRIPT_ESCAPES = { "&": "\\u0026", ">": "\\u003e", "<": "\\u003c", "\u2028": "\\u2028", "\u2029": "\\u2029" };
/**
 * A string as it stands inside Remix's hydration script: turbo-stream writes it as JSON, the
 * script embeds that text as a JSON string literal, escaped for HTML (@remix-run/react's
 * escapeHtml). Both are character by character, so a placeholder's place can take the name's.
 */
export function escapeForHydrationScript(text) {
  return JSON.stringify(JSON.stringify(text).slice(1, -1))
    .slice(1, -1)
    .replace(/[&><\u2028\u2029]/g, (c) => SCRIPT_ESCAPES[c]);
}

const NAME_IN_HTML = 0;
const NAME_IN_SCRIPT = 1;
const NONCE = 2;

/**
 * A rendered page cut at each placeholder (kept as a number saying which value goes there) and at
 * each nonce: [Buffer, slot, Buffer, slot, …, Buffer].
 * @param {string} html @param {string} slot @param {string} nonce
 * @returns {(Buffer | number)[]}
 */
export function cutTemplate(html, slot, nonce) {
  const scripts = [...html.matchAll(/<script\b[^>]*>[\s\S]*?<\/script>/gi)].map((m) => [m.index, m.index + m[0].length]);
  const inScript = (at) => scripts.some(([from, to]) => at >= from && at < to);
  /** @type {(Buffer | number)[]} */
  const parts = [];
  const pattern = nonce ? new RegExp(`${slot}|${nonce.replace(/[+/=]/g, (c) => `\\${c}`)}`, "g") : new RegExp(slot, "g");
  let last = 0;
  for (const match of html.matchAll(pattern)) {
    parts.push(Buffer.from(html.slice(last, match.index)));
    parts.push(match[0] === slot ? (inScript(match.index) ? NAME_IN_SCRIPT : NAME_IN_HTML) : NONCE);
    last = match.index + match[0].length;
  }
  parts.push(Buffer.from(html.slice(last)));
  return parts;
}

/** The parts joined with one request's name and nonce. @param {(Buffer | number)[]} parts */
export function fillTemplate(parts, { name, nonce }) {
  const values = [Buffer.from(escapeForHtml(name ?? "")), Buffer.from(escapeForHydrationScript(name ?? "")), Buffer.from(nonce ?? "")];
  return Buffer.concat(parts.map((part) => (typeof part === "number" ? values[part] : part)));
}

const SKIP_HEADERS = new Set(["content-length", "content-encoding", "transfer-encoding", "connection", "keep-alive", "date", "x-cache"]);

/**
 * @param {{
 *   keyFor: (request: Request) => Promise<{ key: string, name: string | null }>,
 *   variants?: number, ttlMs?: number, maxBytes?: number, maxAddresses?: number, now?: () => number,
 * }} options
 * @returns {import("express").RequestHandler & { stats: { hits: number, misses: number, stored: number } }}
 */
export function pageTemplates({
  keyFor,
  variants = 4,
  ttlMs = 300_000,
  maxBytes = 32 * 1024 * 1024,
  maxAddresses = 10_000,
  now = Date.now,
}) {
  // Letters and digits only: every escaping leaves it as it is. New per process, never guessable.
  const slot = `bdhvs${randomBytes(12).toString("hex")}`;
  /** Addresses a normal render has said may (true) or may not (false) become templates. @type {LRUCache<string, boolean>} */
  const eligible = new LRUCache({ max: maxAddresses });
  /** Least recently used goes first past `maxBytes`. @type {LRUCache<string, { renders: (Buffer | number)[][], headers: [string, string][], bytes: number, expires: number }>} */
  const entries = new LRUCache({ maxSize: maxBytes, sizeCalculation: (entry) => Math.max(1, entry.bytes) });
  const stats = { hits: 0, misses: 0, stored: 0 };

  const remember = (address, value) => eligible.set(address, value);
  const store = (key, parts, headers) => {
    let entry = entries.peek(key);
    if (!entry || entry.expires <= now()) entry = { renders: [], headers, bytes: 0, expires: now() + ttlMs };
    if (entry.renders.length >= variants) return;
    const size = parts.reduce((n, part) => n + (typeof part === "number" ? 0 : part.length), 0);
    // A new object each time, so that its size is counted again.
    entries.set(key, { ...entry, renders: [...entry.renders, parts], bytes: entry.bytes + size });
    stats.stored += 1;
  };

  /** @type {import("express").RequestHandler} */
  const middleware = (req, res, next) => {
    if (req.method !== "GET" || !req.headers.cookie || req.path.endsWith(".data") || isbot(req.headers["user-agent"] ?? "")) return next();
    const address = `${req.headers.host ?? ""} ${req.originalUrl}`;
    const known = eligible.get(address);
    if (known === false) return next();
    if (known === undefined) {
      // First sight: a normal render, which says whether this address may become a template.
      const template = {};
      res.locals.pageTemplate = template;
      res.on("finish", () => remember(address, res.statusCode === 200 && template.eligible === true));
      return next();
    }
    /** @type {Request} */
    let request;
    try {
      request = new Request(new URL(req.originalUrl, `http://${req.headers.host ?? "localhost"}`), {
        headers: { cookie: req.headers.cookie, "accept-language": req.headers["accept-language"] ?? "" },
      });
    } catch {
      return next();
    }
    keyFor(request).then(
      ({ key, name }) => {
        const nonce = typeof res.locals.cspNonce === "string" ? res.locals.cspNonce : "";
        // (`get` also marks it the most recently used.)
        const entry = entries.get(`${address}\n${key}`);
        if (entry && entry.expires > now() && entry.renders.length >= variants) {
          stats.hits += 1;
          const body = fillTemplate(entry.renders[Math.floor(Math.random() * entry.renders.length)], { name, nonce });
          res.statusCode = 200;
          for (const [header, value] of entry.headers) res.setHeader(header, value);
          res.setHeader("X-Cache", "TEMPLATE");
          res.setHeader("Content-Length", String(body.length));
          res.end(body);
          return;
        }
        stats.misses += 1;
        renderAsTemplate(req, res, next, { address, name, nonce });
      },
      () => next(),
    );
  };

  /** A render with the placeholder for the name: filled in before it is sent, kept if it may be. */
  const renderAsTemplate = (req, res, next, { address, name, nonce }) => {
    const template = { nameSlot: slot };
    res.locals.pageTemplate = template;
    const before = new Set(res.getHeaderNames());
    const { collect, body: collected } = bodyCollector();
    const end = res.end.bind(res);
    // (same signature as the original) Held back: the page holds the placeholder until the end.
    res.write = (chunk, encoding, cb) => {
      collect(chunk, encoding);
      if (typeof encoding === "function") encoding();
      else if (typeof cb === "function") cb();
      return true;
    };
    // (same signature as the original)
    res.end = (chunk, encoding, cb) => {
      collect(chunk, encoding);
      const parts = cutTemplate(collected().toString("utf8"), slot, nonce);
      const storable =
        res.statusCode === 200 &&
        template.eligible === true &&
        typeof template.key === "string" &&
        !res.getHeader("Set-Cookie") &&
        /^text\/html/.test(String(res.getHeader("Content-Type") ?? ""));
      if (storable) {
        const headers = res
          .getHeaderNames()
          .filter((header) => !before.has(header) && !SKIP_HEADERS.has(header))
          .map((header) => {
            const value = res.getHeader(header);
            return /** @type {[string, string]} */ ([header, Array.isArray(value) ? value.join(", ") : String(value)]);
          });
        store(`${address}\n${template.key}`, parts, headers);
      } else if (res.statusCode === 200 && template.eligible !== true) remember(address, false);
      const body = fillTemplate(parts, { name, nonce });
      if (!res.headersSent) res.setHeader("Content-Length", String(body.length));
      return end(body, typeof encoding === "function" ? encoding : cb);
    };
    next();
  };

  return Object.assign(middleware, { stats });
}
