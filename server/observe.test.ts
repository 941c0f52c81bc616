import { describe, expect, it } from "vitest";

// Loaded by address, not by name: the compiler would otherwise pull pino's and prom-client's
// declarations into the whole project's types (they change the DOM's HeadersInit).
const observe = (await import(String("./observe.mjs"))) as {
  routeLabeller: (routes: Record<string, { path?: string }>) => (path: string, status: number) => string;
  mayReadMetrics: (req: never) => boolean;
};
const { mayReadMetrics, routeLabeller } = observe;

const routes = {
  root: { path: "" },
  lesson: { path: ":lang/modules/:moduleId/:lessonId" },
  verify: { path: ":lang/verify/:code" },
  join: { path: ":lang/join/:code?" },
  healthz: { path: "healthz" },
};

describe("route labels for logs and metrics", () => {
  const label = routeLabeller(routes);
  it("keeps the route table's words and hides everything a person typed", () => {
    expect(label("/vi/modules/scam-avoidance/fake-police-calls", 200)).toBe("/:p/modules/:p/:p");
    expect(label("/vi/verify/7K3QD-M9X2A-RT5VC", 200)).toBe("/:p/verify/:p");
    expect(label("/vi/join/ABC123", 302)).toBe("/:p/join/:p");
    expect(label("/healthz", 200)).toBe("/healthz");
  });
  it("has few labels whatever is asked: unknown pages, assets, deep paths", () => {
    expect(label("/anything/at/all", 404)).toBe("(not found)");
    expect(label("/assets/entry.client-AbC123.js", 200)).toBe("/assets/*");
    expect(label("/a/b/c/d/e/f/g/h", 200)).toBe("/:p/:p/:p/:p/:p/:p/…");
  });
});

describe("who may read /metrics", () => {
  const request = (remoteAddress: string, headers: Record<string, string> = {}) => ({ socket: { remoteAddress }, headers }) as never;
  it("without METRICS_TOKEN: this machine, directly, only", () => {
    delete process.env.METRICS_TOKEN;
    expect(mayReadMetrics(request("127.0.0.1"))).toBe(true);
    expect(mayReadMetrics(request("::1"))).toBe(true);
    expect(mayReadMetrics(request("10.0.0.5"))).toBe(false);
    // A proxy on the same machine passing a visitor's request on.
    expect(mayReadMetrics(request("127.0.0.1", { "x-forwarded-for": "203.0.113.9" }))).toBe(false);
    expect(mayReadMetrics(request("127.0.0.1", { forwarded: "for=203.0.113.9" }))).toBe(false);
  });
  it("with METRICS_TOKEN: the token, from anywhere; never without it", () => {
    process.env.METRICS_TOKEN = "s3cret-token-for-prometheus";
    try {
      expect(mayReadMetrics(request("10.0.0.5", { authorization: "Bearer s3cret-token-for-prometheus" }))).toBe(true);
      expect(mayReadMetrics(request("127.0.0.1"))).toBe(false);
      expect(mayReadMetrics(request("10.0.0.5", { authorization: "Bearer wrong" }))).toBe(false);
    } finally {
      delete process.env.METRICS_TOKEN;
    }
  });
});
