// Operations (issue 15, part 5): request logs (pino), Prometheus metrics (prom-client), readiness.
// Logs and metrics name a request by its route pattern ("/:p/modules/:p/:p"), never by its address
// or query string: paths carry certificate and class codes, query strings carry tokens.
import { randomUUID } from "node:crypto";
import cluster from "node:cluster";
import pino from "pino";
import client from "prom-client";

/** The process's logger: one JSON line per event on stdout (LOG_LEVEL: info by default; "silent" for none). */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { pid: process.pid, ...(cluster.isWorker ? { worker: cluster.worker?.id } : {}) },
  // Never written, whatever a caller passes: the request's address, cookies, names.
  redact: { paths: ["ip", "req.ip", "req.headers.cookie", "req.headers.authorization", "name", "login"], remove: true },
});

const INCOMING_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * A label for a path with only the route table's static words kept ("/:p/modules/:p/:p"): as many
 * labels as the route table has shapes, whatever the visitors type, and nothing a person typed.
 * @param {Record<string, { path?: string }>} routes the server build's routes
 */
export function routeLabeller(routes) {
  const words = new Set();
  for (const route of Object.values(routes)) {
    for (const segment of (route.path ?? "").split("/"))
      if (segment && !/^[:*]/.test(segment) && !segment.includes("?")) words.add(segment);
  }
  /** @param {string} pathname @param {number} status */
  return (pathname, status) => {
    if (status === 404) return "(not found)";
    if (pathname.startsWith("/assets/")) return "/assets/*";
    const segments = pathname.split("/").filter(Boolean);
    const kept = segments.slice(0, 6).map((s) => (words.has(s) ? s : ":p"));
    return `/${kept.join("/")}${segments.length > 6 ? "/…" : ""}`;
  };
}

const registry = client.register;
// In a worker, prom-client answers the primary's requests for this process's metrics only once an
// AggregatorRegistry exists (its constructor adds the listeners).
if (cluster.isWorker) new client.AggregatorRegistry();
client.collectDefaultMetrics({ register: registry });
const requests = new client.Counter({
  name: "http_requests_total",
  help: "HTTP requests answered, by method, route pattern and status class",
  labelNames: ["method", "route", "status"],
});
const latency = new client.Histogram({
  name: "http_request_duration_seconds",
  help: "Time from the request's arrival to the end of its response, by method and route pattern",
  labelNames: ["method", "route"],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});
const inFlight = new client.Gauge({ name: "http_requests_in_flight", help: "Requests being answered now" });

/**
 * Database pool gauges, read when scraped.
 * @param {() => { dialect: string; total: number; idle: number; waiting: number }} stats
 */
export function databaseMetrics(stats) {
  const read = (/** @type {"total" | "idle" | "waiting"} */ key) =>
    function () {
      const s = stats();
      this.set({ dialect: s.dialect }, s[key]);
    };
  new client.Gauge({ name: "db_pool_connections", help: "Database connections open", labelNames: ["dialect"], collect: read("total") });
  new client.Gauge({ name: "db_pool_idle_connections", help: "Database connections idle", labelNames: ["dialect"], collect: read("idle") });
  new client.Gauge({
    name: "db_pool_waiting_queries",
    help: "Queries waiting for a connection",
    labelNames: ["dialect"],
    collect: read("waiting"),
  });
}

/** The admission gate's queue (server/admission.mjs): requests waiting for their turn to be handled. */
export function admissionMetrics(stats) {
  new client.Gauge({
    name: "http_requests_queued",
    help: "Requests waiting for their turn to be handled",
    collect() {
      this.set(stats().waiting);
    },
  });
}

/**
 * A request id (the proxy's X-Request-Id when it is a plain token, else a new one), a log line
 * when the response ends, and the request's metrics. Called on the plain `node:http` request,
 * before Express (server/index.mjs), so that pages from the page cache are logged too.
 * @param {(pathname: string, status: number) => string} label
 */
export function requestLog(label) {
  /** @param {import("node:http").IncomingMessage} req @param {import("node:http").ServerResponse & { locals?: Record<string, unknown> }} res */
  return (req, res) => {
    const incoming = req.headers["x-request-id"];
    const id = typeof incoming === "string" && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    // Express keeps the `locals` it finds (the request comes here before Express).
    res.locals ??= Object.create(null);
    res.locals.requestId = id;
    res.setHeader("X-Request-Id", id);
    // Read now: Express rewrites req.url while it routes (app.use("/assets", …)).
    const pathname = (req.url ?? "/").split("?")[0] || "/";
    const started = process.hrtime.bigint();
    inFlight.inc();
    let done = false;
    const finish = (/** @type {boolean} */ aborted) => {
      if (done) return;
      done = true;
      inFlight.dec();
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = label(pathname, res.statusCode);
      requests.inc({ method: req.method, route, status: `${Math.floor(res.statusCode / 100)}xx` });
      latency.observe({ method: req.method, route }, seconds);
      logger.info(
        {
          reqId: id,
          method: req.method,
          route,
          status: res.statusCode,
          ms: Math.round(seconds * 10_000) / 10,
          ...(aborted ? { aborted: true } : {}),
        },
        "request",
      );
    };
    res.on("finish", () => finish(false));
    res.on("close", () => finish(!res.writableFinished));
  };
}

/**
 * Whether this request may read /metrics: with METRICS_TOKEN set, only with
 * `Authorization: Bearer <token>`; without it, only from this machine directly (a loopback address
 * and no proxy's forwarding header, so that a proxy on the same machine does not open it to everyone).
 * @param {import("express").Request} req
 */
export function mayReadMetrics(req) {
  const token = process.env.METRICS_TOKEN;
  if (token) return req.headers.authorization === `Bearer ${token}`;
  const address = req.socket.remoteAddress ?? "";
  const loopback = address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
  return loopback && !req.headers["x-forwarded-for"] && !req.headers["forwarded"] && !req.headers["x-real-ip"];
}

const METRICS_REQUEST = "bdhvs:metrics?";
const METRICS_ANSWER = "bdhvs:metrics";

/**
 * The metrics text: this process's, or (in a worker of `npm start`'s cluster) every worker's,
 * summed by the primary (prom-client's AggregatorRegistry), whichever worker is asked.
 * @returns {Promise<{ contentType: string; body: string }>}
 */
export function metricsText() {
  if (!cluster.isWorker || !process.send) return registry.metrics().then((body) => ({ contentType: registry.contentType, body }));
  return new Promise((resolve, reject) => {
    const id = randomUUID();
    const timer = setTimeout(() => {
      process.off("message", onMessage);
      reject(new Error("the primary did not answer"));
    }, 5_000);
    /** @param {any} message */
    const onMessage = (message) => {
      if (message?.type !== METRICS_ANSWER || message.id !== id) return;
      clearTimeout(timer);
      process.off("message", onMessage);
      resolve({ contentType: client.AggregatorRegistry.contentType ?? registry.contentType, body: message.body });
    };
    process.on("message", onMessage);
    process.send?.({ type: METRICS_REQUEST, id });
  });
}

/** In the cluster's primary: answers workers' requests for the summed metrics. */
export function serveClusterMetrics() {
  const aggregator = new client.AggregatorRegistry();
  cluster.on("message", (worker, message) => {
    if (message?.type !== METRICS_REQUEST) return;
    // The asking worker may have exited meanwhile: never send on a closed channel.
    const answer = (body) => {
      if (worker.isConnected()) worker.send({ type: METRICS_ANSWER, id: message.id, body }, () => {});
    };
    aggregator
      .clusterMetrics()
      .then(answer)
      .catch((error) => answer(`# error: ${error.message}\n`));
  });
}
