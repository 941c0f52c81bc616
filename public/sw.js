/*
 * Bình dân học vụ số: the service worker (registered by app/modules/access/service-worker.ts).
 *
 * - Hashed files in /assets never change: served from this cache first, fetched once.
 * - Pages a learner opens (home, a topic, a lesson, a practice) are kept so they open with no
 *   network. Only the copy every visitor gets is kept, never a learner's own page: when the
 *   response was personal (a cookie was sent), the anonymous copy is fetched instead (once a day).
 *   On a shared phone nobody's name or progress is ever served to the next person.
 * - Online, pages always come from the network first; the cache is only for when it fails.
 * - POSTs (answers, log-in) are never touched: answers given offline are kept by the page itself
 *   (the outbox) and sent with their attempt key when the network returns.
 */
"use strict";

const ASSETS = "bdhvs-assets-v1";
const PAGES = "bdhvs-pages-v1";
const META = "bdhvs-meta-v1";
const META_KEY = "/__sw/meta";
const DAY = 24 * 60 * 60 * 1000;
// Remix's table of every route and its code (a teacher's page is opened, its code is cached then).
const ROUTE_MANIFEST = /^\/assets\/manifest-[\w-]+\.js$/;
// The pages that are the same for everyone: /vi, /vi/modules/m, /vi/modules/m/lesson, /vi/modules/m/practice/p
const PAGE = /^\/[a-z]{2,3}(\/modules\/[a-z0-9-]+(\/[a-z0-9-]+|\/practice\/[a-z0-9-]+)?)?$/;

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const keep = new Set([ASSETS, PAGES, META]);
      for (const name of await caches.keys()) if (name.startsWith("bdhvs-") && !keep.has(name)) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/assets/")) return event.respondWith(asset(request));
  if (request.mode === "navigate") return event.respondWith(navigate(event, url));
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "keep" && typeof data.path === "string") event.waitUntil(onKeep(data));
  else if (data.type === "save" && Array.isArray(data.paths) && event.ports[0]) event.waitUntil(onSave(data.paths, event.ports[0]));
});

async function asset(request) {
  const cache = await caches.open(ASSETS);
  const hit = await cache.match(request, { ignoreVary: true, ignoreSearch: true });
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone()).catch(() => undefined);
  return response;
}

function isPage(path) {
  return PAGE.test(path);
}

async function navigate(event, url) {
  try {
    const response = await fetch(event.request);
    if (isPage(url.pathname) && !url.search && response.ok && response.type === "basic") {
      event.waitUntil(remember(url.pathname, response.clone()).catch(() => undefined));
    }
    return response;
  } catch (error) {
    const cached = await (await caches.open(PAGES)).match(url.pathname, { ignoreSearch: true, ignoreVary: true });
    if (cached) return cached;
    const meta = await readMeta();
    if (url.pathname === "/" && meta.lastLang) return Response.redirect(`/${meta.lastLang}`, 302);
    return offlinePage(url, meta);
  }
}

function isShared(response) {
  return /\bpublic\b/.test(response.headers.get("Cache-Control") || "");
}

async function storedAt(path) {
  const hit = await (await caches.open(PAGES)).match(path, { ignoreVary: true });
  return hit ? Number(hit.headers.get("X-Stored-At") || 0) : 0;
}

/** A page just loaded through this worker. */
async function remember(path, response) {
  if (isShared(response)) return store(path, response);
  if (Date.now() - (await storedAt(path)) < DAY) return;
  await fetchAndStore(path, "no-cache");
}

/** The anonymous copy of a page: the one every visitor gets. */
async function fetchAndStore(path, cacheMode) {
  const response = await fetch(path, { credentials: "omit", cache: cacheMode, redirect: "error" });
  if (!response.ok || !isShared(response)) throw new Error(`${path}: ${response.status}`);
  await store(path, response);
}

async function store(path, response) {
  const html = await response.text();
  const headers = new Headers(response.headers);
  for (const name of ["Content-Encoding", "Content-Length", "Set-Cookie", "Age", "X-Cache"]) headers.delete(name);
  headers.set("X-Stored-At", String(Date.now()));
  // What the page itself loads (its <link> and <script> tags: scripts, styles, string files), so
  // that it works offline as it does online (mostly from the browser's cache), and the parts its
  // scripts load later (read aloud, offline messages): those are named in the scripts themselves
  // ("./name-hash.js"). Not every file the page's text mentions: its route data names the whole
  // site's route table, and through it every teacher, official and administrator page's code would
  // be downloaded on a learner's first visit (it is kept when such a page is opened).
  const assets = new Set(
    Array.from(html.matchAll(/<(?:link|script)\b[^>]*\s(?:href|src)="(\/assets\/[^"?#\s\\]+)"/g), (m) => m[1]).filter(
      (a) => !ROUTE_MANIFEST.test(a),
    ),
  );
  await keepAssets([...assets]);
  // Kept last: a page in the cache has everything it needs.
  await (await caches.open(PAGES)).put(path, new Response(html, { status: 200, headers }));
  const meta = await readMeta();
  const title = /<title>([^<]*)<\/title>/.exec(html);
  if (title) meta.titles[path] = decode(title[1]);
  const css = [...assets].find((a) => a.endsWith(".css"));
  if (css) meta.css = css;
  await writeMeta(meta);
}

/** Scripts already searched for the parts they load later, in this worker's lifetime. */
const scanned = new Set();

async function keepAssets(paths) {
  const cache = await caches.open(ASSETS);
  let queue = paths;
  for (let depth = 0; depth < 3 && queue.length; depth++) {
    const next = [];
    await Promise.all(
      queue.map(async (a) => {
        let r = await cache.match(a, { ignoreVary: true });
        if (!r) {
          r = await fetch(a).catch(() => null);
          if (!r || !r.ok) return;
          await cache.put(a, r.clone()).catch(() => undefined);
        }
        if (!a.endsWith(".js") || scanned.has(a)) return;
        scanned.add(a);
        const code = await r.text();
        for (const m of code.matchAll(/["'](?:\.\/|\/?assets\/)([\w.-]+\.(?:js|css))["']/g)) {
          if (!ROUTE_MANIFEST.test(`/assets/${m[1]}`)) next.push(`/assets/${m[1]}`);
        }
      }),
    );
    queue = [...new Set(next)];
  }
}

async function onKeep({ path, lang, strings, headScript }) {
  const meta = await readMeta();
  if (typeof lang === "string" && /^[a-z]{2,3}$/.test(lang)) {
    meta.lastLang = lang;
    if (strings && typeof strings === "object") meta.strings[lang] = strings;
  }
  if (typeof headScript === "string" && headScript.length < 2000) meta.headScript = headScript;
  await writeMeta(meta);
  if (!isPage(path) || Date.now() - (await storedAt(path)) < DAY) return;
  // Just opened: for an anonymous visitor the browser's own cache has it, so nothing is downloaded.
  await fetchAndStore(path, "force-cache").catch(() => undefined);
}

async function onSave(paths, port) {
  const list = paths.filter((p) => typeof p === "string" && isPage(p)).slice(0, 200);
  let done = 0;
  let failed = 0;
  for (const path of list) {
    try {
      await fetchAndStore(path, "no-cache");
    } catch (error) {
      failed += 1;
    }
    done += 1;
    port.postMessage({ done, total: list.length, failed });
  }
  port.postMessage({ done, total: list.length, failed, finished: true });
}

async function readMeta() {
  const hit = await (await caches.open(META)).match(META_KEY);
  const meta = hit ? await hit.json().catch(() => ({})) : {};
  return { titles: {}, strings: {}, ...meta };
}

async function writeMeta(meta) {
  await (await caches.open(META)).put(META_KEY, new Response(JSON.stringify(meta), { headers: { "Content-Type": "application/json" } }));
}

function decode(text) {
  return text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (m, e) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'" })[e]);
}

function escape(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

/** Without a network, for a page not kept: say so, and list the pages that are kept. */
async function offlinePage(url, meta) {
  const first = url.pathname.split("/")[1] || "";
  const lang = meta.strings[first] ? first : meta.lastLang || "vi";
  const s = meta.strings[lang] || { title: "Offline", body: "", none: "", home: "Home" };
  const keys = await (await caches.open(PAGES)).keys();
  const pages = keys
    .map((k) => new URL(k.url).pathname)
    .filter((p) => p.split("/")[1] === lang && meta.titles[p])
    .sort();
  const list = pages.length
    ? `<p>${escape(s.body)}</p><ul class="lesson-list compact">${pages.map((p) => `<li><a href="${escape(p)}">${escape(meta.titles[p])}</a></li>`).join("")}</ul>`
    : `<p>${escape(s.none)}</p>`;
  const html = `<!doctype html><html lang="${escape(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(s.title)}</title>${
    meta.css ? `<link rel="stylesheet" href="${escape(meta.css)}">` : ""
  }${meta.headScript ? `<script>${meta.headScript}</script>` : ""}</head><body><main id="main" class="page"><h1>${escape(s.title)}</h1>${list}<p><a class="button button-primary" href="/${escape(lang)}">${escape(s.home)}</a></p></main></body></html>`;
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}
