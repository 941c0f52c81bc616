// The production server: Express with compression, immutable hashed assets and the Remix handler.
// `npm start` runs scripts/start.mjs, which builds if needed and then imports this file;
// `node server/index.mjs` serves an existing build.
import http from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import { admissionGate } from "./admission.mjs";
import { admissionMetrics, databaseMetrics, logger, mayReadMetrics, metricsText, requestLog, routeLabeller } from "./observe.mjs";
import { pageCache } from "./page-cache.mjs";
import { pageTemplates } from "./page-templates.mjs";
import { servePrecompressed } from "./precompress.mjs";
import { requestGuard, securityHeaders } from "./security.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const buildDir = path.join(root, "build");
process.env.NODE_ENV ??= "production";

export function loadBuild() {
  return import(pathToFileURL(path.join(buildDir, "server", "index.js")).href);
}

/** Runs a start step; a refusal (say, PostgreSQL without the shared secrets) is printed alone and ends the process. */
async function orRefuse(step) {
  try {
    return await step();
  } catch (error) {
    if (error?.name !== "StartRefusal") throw error;
    console.error(error.message);
    process.exit(1);
  }
}

/** A whole number ≥ 1 from the environment, or the default; anything else stops the start with a message. */
function positiveSetting(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`${name} must be a whole number of at least 1, not "${raw}"`);
    process.exit(1);
  }
  return value;
}

/** The state a graceful shutdown reads: readiness turns false as soon as it starts. */
const lifecycle = { stopping: false };

/** The server's request handler: the front door below, then the Express app. */
export async function createServer() {
  const build = await loadBuild();
  const started = Date.now();
  const { lessons, problems, cards } = await orRefuse(() => build.entry.module.warmup());
  logger.info({ lessons, problems, cards, ms: Date.now() - started }, "course ready");

  const app = express();
  app.disable("x-powered-by");
  if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);
  databaseMetrics(build.entry.module.databaseStats);
  const cache = process.env.PAGE_CACHE === "off" ? null : pageCache();
  // Readiness for a load balancer: the database answers and the process is not shutting down
  // (/healthz, the app's route, is liveness).
  app.get("/readyz", async (_req, res) => {
    const ok = !lifecycle.stopping && (await build.entry.module.ready());
    res
      .status(ok ? 200 : 503)
      .type("text/plain")
      .set("Cache-Control", "no-store")
      .send(ok ? "ready" : lifecycle.stopping ? "shutting down" : "database unreachable");
  });
  // Prometheus metrics, never to the public: METRICS_TOKEN, or this machine only (observe.mjs).
  // Anyone else gets the site's 404 page.
  app.get("/metrics", (req, res, next) => {
    if (!mayReadMetrics(req)) return next();
    metricsText()
      .then(({ contentType, body }) => res.type(contentType).set("Cache-Control", "no-store").send(body))
      .catch(next);
  });
  // Headers first, so that a page the cache stores keeps them (with its own CSP, see page-cache.mjs).
  app.use(securityHeaders());
  // Before anything reads a body: too large (413) or from another site (403), each a page in the visitor's language.
  app.use(
    requestGuard({
      ceiling: build.entry.module.REQUEST_BODY_CEILING,
      publicUrl: process.env.PUBLIC_URL,
      render: build.entry.module.renderRefusal,
    }),
  );
  // Single fetch asks for a page's data at `<page>.data`. The older `?_data=<route>` form still reaches
  // Remix's legacy path, which cannot read single-fetch loaders' results and answered 500 for every
  // page; the parameter is dropped, so such a request gets the page itself (its guards included).
  app.use(dropLegacyDataParameter);
  app.use(compression());
  // After compression, so that it stores the page as rendered and can serve it gzipped.
  if (cache) app.use(cache);
  // A signed-in learner's page that is the same for everyone but the header's name: rendered once,
  // filled in per request (server/page-templates.mjs).
  if (process.env.PAGE_TEMPLATES !== "off") app.use(pageTemplates({ keyFor: build.entry.module.templateKey }));
  // Test-only (the limits browser test): the process's memory after a full garbage collection
  // (node --expose-gc), so that garbage not yet collected is not mistaken for a leak. Off unless
  // TEST_MEMORY_ENDPOINT=1.
  if (process.env.TEST_MEMORY_ENDPOINT === "1") {
    app.get("/__test/memory", (_req, res) => {
      globalThis.gc?.();
      globalThis.gc?.();
      res.json({ ...process.memoryUsage(), collected: typeof globalThis.gc === "function" });
    });
  }
  // Vite puts hashed files in /assets: cache them for a year, sent precompressed (brotli 11 / gzip 9).
  app.use("/assets", servePrecompressed(path.join(buildDir, "client", "assets")));
  app.use("/assets", express.static(path.join(buildDir, "client", "assets"), { immutable: true, maxAge: "1y" }));
  // Other public files (favicon…): only paths with a file extension, so pages skip the disk lookup.
  const publicFiles = express.static(path.join(buildDir, "client"), { maxAge: "1h" });
  // Browsers still ask for /favicon.ico where a response names no icon (a PDF, a 429 page): the SVG one.
  app.get("/favicon.ico", (_req, res) => res.set("Cache-Control", "public, max-age=86400").redirect(301, "/favicon.svg"));
  app.use((req, res, next) => (/\.[a-z0-9]+$/i.test(req.path) ? publicFiles(req, res, next) : next()));
  // One request started per event-loop turn (REQUESTS_PER_TURN), the rest in arrival order, and 503
  // past MAX_QUEUED_REQUESTS waiting (server/admission.mjs: keeps new connections from starving).
  const admission = admissionGate({
    perTurn: positiveSetting("REQUESTS_PER_TURN", 1),
    queued: positiveSetting("MAX_QUEUED_REQUESTS", 1000),
    refuse: (req, res) => {
      res.status(503).set({ "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Retry-After": "5" });
      res.end(build.entry.module.renderRefusal("busy", { path: req.path, acceptLanguage: req.headers["accept-language"] }));
    },
  });
  admissionMetrics(admission.stats);
  app.all("*", admission);
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: process.env.NODE_ENV,
      getLoadContext: (req, res) => ({
        clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown",
        cspNonce: res.locals.cspNonce,
        pageTemplate: res.locals.pageTemplate,
        // A page, not a client navigation's data: its loaders may leave HTML it renders out of its
        // hydration data (app/modules/http/html-once.tsx).
        document: !req.path.endsWith(".data"),
      }),
    }),
  );

  // The front door, on the plain node:http request: the request log, then an anonymous page kept
  // by the page cache straight away (its stored headers are those it was first sent with, security
  // headers included); everything else goes to Express. Express alone, two middleware deep, costs
  // ~40% of a plain server's requests/s on a 31 KB page (README, Performance).
  const log = requestLog(routeLabeller(build.routes));
  /** @param {import("node:http").IncomingMessage} req @param {import("node:http").ServerResponse} res */
  return (req, res) => {
    log(req, res);
    // Shutting down: each response closes its connection, so the proxy sends the next request elsewhere.
    if (lifecycle.stopping) res.setHeader("Connection", "close");
    if (cache?.serve(req, res)) return;
    app(req, res);
  };
}

/** `?_data=…` removed from the request's address (see createServer). */
export function dropLegacyDataParameter(req, _res, next) {
  if (!/[?&]_data(=|&|$)/.test(req.originalUrl)) return next();
  const url = new URL(req.originalUrl, "http://localhost");
  url.searchParams.delete("_data");
  req.originalUrl = req.url = url.pathname + url.search;
  next();
}

/**
 * `node server/index.mjs --prepare`: the once-per-start steps (migrations, sample units, secrets
 * and key on SQLite; the refusal on PostgreSQL without them), then exit. `npm start`'s primary runs
 * this before it forks the workers.
 */
export async function prepareOnce() {
  const build = await loadBuild();
  await orRefuse(() => build.entry.module.prepare());
  await build.entry.module.shutdown();
}

/**
 * Serves until SIGTERM/SIGINT, then stops gracefully: readiness says 503 at once, no new
 * connections are taken, requests in flight are answered (keep-alive connections close after
 * their response), then the database is closed and the process exits 0. After SHUTDOWN_SECONDS
 * (default 20) the connections left are cut.
 */
export async function serve() {
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "0.0.0.0";
  const server = http.createServer(await createServer());
  server.listen(port, host, () => {
    logger.info({ port: server.address()?.port ?? port }, `Bình dân học vụ số: http://localhost:${port}`);
  });
  // Longer than a proxy's idle upstream connections (nginx: 60 s), so the proxy closes them first.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const build = await loadBuild();
  let stopping;
  const stop = (signal) => {
    stopping ??= (async () => {
      lifecycle.stopping = true;
      logger.info({ signal }, "shutting down: finishing requests in flight");
      const hardStop = setTimeout(() => server.closeAllConnections(), Number(process.env.SHUTDOWN_SECONDS ?? 20) * 1000);
      hardStop.unref();
      // A keep-alive connection becomes idle once its response is sent: closed then.
      const closeIdle = setInterval(() => server.closeIdleConnections(), 50);
      await new Promise((resolve) => {
        server.close(resolve);
        server.closeIdleConnections();
      });
      clearInterval(closeIdle);
      await build.entry.module.shutdown();
      logger.info("stopped");
      process.exit(0);
    })().catch((error) => {
      logger.error({ err: error }, "shutdown failed");
      process.exit(1);
    });
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  return server;
}

if (process.argv.includes("--prepare")) {
  await prepareOnce();
  process.exit(0);
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href || process.env.START_SERVER === "1") {
  await serve();
}
