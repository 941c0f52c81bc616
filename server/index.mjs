// The production server: Express with compression, immutable hashed assets and the Remix handler.
// `npm start` runs scripts/start.mjs, which builds if needed and then imports this file;
// `node server/index.mjs` serves an existing build.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import { pageCache } from "./page-cache.mjs";
import { servePrecompressed } from "./precompress.mjs";
import { requestGuard, securityHeaders } from "./security.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const buildDir = path.join(root, "build");
process.env.NODE_ENV ??= "production";

export async function createServer() {
  const build = await import(pathToFileURL(path.join(buildDir, "server", "index.js")).href);
  const started = Date.now();
  const { lessons, problems, cards } = await build.entry.module.warmup();
  console.log(`course ready: ${lessons} lessons (vi), ${problems} content problems, ${cards} preview cards, ${Date.now() - started} ms`);

  const app = express();
  app.disable("x-powered-by");
  if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);
  // Headers first, so that a page served from the cache gets them too (with its own CSP, see page-cache.mjs).
  app.use(securityHeaders());
  // Before anything reads a body: too large (413) or from another site (403), each a page in the visitor's language.
  app.use(
    requestGuard({
      ceiling: build.entry.module.REQUEST_BODY_CEILING,
      publicUrl: process.env.PUBLIC_URL,
      render: build.entry.module.renderRefusal,
    }),
  );
  app.use(compression());
  // After compression, so that it stores the page as rendered and can serve it gzipped.
  if (process.env.PAGE_CACHE !== "off") app.use(pageCache());
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
  app.use((req, res, next) => (/\.[a-z0-9]+$/i.test(req.path) ? publicFiles(req, res, next) : next()));
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: process.env.NODE_ENV,
      getLoadContext: (req, res) => ({ clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown", cspNonce: res.locals.cspNonce }),
    }),
  );
  return app;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href || process.env.START_SERVER === "1") {
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "0.0.0.0";
  const app = await createServer();
  const server = app.listen(port, host, () => {
    console.log(`Bình dân học vụ số: http://localhost:${port}`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
