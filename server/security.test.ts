import http from "node:http";
import type { AddressInfo } from "node:net";
import { createReadableStreamFromReadable } from "@remix-run/node";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORM_BODY_LIMIT, readFormData } from "~/modules/http/forms";
import { isSameSitePost, requestGuard, securityHeaders } from "./security.mjs";

let base = "";
let port = 0;
let close: () => void;
let actions = 0;

const render = (kind: string, { path }: { path: string }) => `<h1>${kind}</h1><p>${path}</p>`;

beforeAll(async () => {
  const app = express();
  app.use(securityHeaders());
  app.use(requestGuard({ ceiling: 1024 * 1024, publicUrl: "https://hoc.example.vn", render }));
  app.get("/healthz", (_req, res) => res.end("ok"));
  // What a page's scripts fetch: Remix's route table and a client navigation's data.
  app.get(["/__manifest", "/vi/modules/m/l.data"], (_req, res) => res.json({}));
  // The app's form reader on the request as the Remix adapter makes it (a stream over Node's request).
  app.post("/vi/form", async (req, res) => {
    try {
      const headers = new Headers(Object.entries(req.headers).map(([k, v]) => [k, String(v)] as [string, string]));
      const request = new Request(`${base}${req.originalUrl}`, {
        method: "POST",
        headers,
        body: createReadableStreamFromReadable(req),
        duplex: "half",
      } as RequestInit);
      const form = await readFormData(request);
      actions += 1;
      res.end(`fields: ${[...form.keys()].length}`);
    } catch (error) {
      if (!(error instanceof Response)) throw error;
      res.status(error.status).end("too large");
    }
  });
  // An action that answers without reading the body (a redirect), as Remix's does after opening
  // the request's stream: the rest of the body is left unread, the stream paused.
  app.post("/vi/redirects", (req, res) => {
    createReadableStreamFromReadable(req);
    res.redirect(303, "/vi");
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  close = () => server.close();
});
afterAll(() => close());

/** An upload of `total` bytes, chunked unless a Content-Length is given; it stops sending once answered. */
function chunkedPost(path: string, total: number, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string; ms: number }>((resolve, reject) => {
    const started = performance.now();
    const req = http.request({
      host: "127.0.0.1",
      port,
      path,
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    });
    const chunk = Buffer.alloc(256 * 1024, "a");
    let sent = 0;
    let done = false;
    req.on("response", (res) => {
      done = true;
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, ms: performance.now() - started }));
    });
    req.on("error", (error) => (done ? undefined : reject(error)));
    const pump = () => {
      while (!done && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      req.end();
    };
    req.write("x=");
    pump();
  });
}

describe("request body limits", () => {
  it("refuse a 300 MB post quickly, before it is read, while /healthz keeps answering and memory stays put", async () => {
    global.gc?.();
    const before = process.memoryUsage().rss;
    const health: number[] = [];
    const probe = setInterval(async () => {
      const started = performance.now();
      await fetch(`${base}/healthz`);
      health.push(performance.now() - started);
    }, 20);
    const declared = await chunkedPost("/vi/form", 300 * 1024 * 1024, { "Content-Length": String(300 * 1024 * 1024 + 2) });
    const streamed = await chunkedPost("/vi/form", 300 * 1024 * 1024);
    clearInterval(probe);
    expect(declared.status).toBe(413);
    expect(declared.body).toContain("<h1>tooLarge</h1>");
    expect(declared.ms).toBeLessThan(1000);
    expect(streamed.status).toBe(413);
    expect(streamed.ms).toBeLessThan(3000);
    expect(Math.max(...health, 0)).toBeLessThan(500);
    expect(process.memoryUsage().rss - before).toBeLessThan(40 * 1024 * 1024);
  });

  it("answer 413 with a page for a declared size over the ceiling, and 413 for a form over its limit while streaming", async () => {
    const big = "x=" + "a".repeat(2 * 1024 * 1024);
    const declared = await fetch(`${base}/vi/form`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: big,
    });
    expect(declared.status).toBe(413);
    expect(await declared.text()).toContain("<h1>tooLarge</h1>");
    const before = actions;
    const overForm = await fetch(`${base}/vi/form`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "x=" + "a".repeat(FORM_BODY_LIMIT),
    });
    expect(overForm.status).toBe(413);
    const chunked = await chunkedPost("/vi/form", FORM_BODY_LIMIT * 2);
    expect(chunked.status).toBe(413);
    expect(actions).toBe(before);
    const fine = await fetch(`${base}/vi/form`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "a=1&b=2",
    });
    expect(await fine.text()).toBe("fields: 2");
  });
});

describe("a post answered before its body was read", () => {
  /** Posts over one keep-alive connection (as a load balancer's to its app servers): status, Connection header, ms. */
  async function overOneConnection(steps: { method: string; path: string; size?: number; origin?: string }[]) {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const results: { status: number; connection: string | undefined; ms: number }[] = [];
    try {
      for (const step of steps)
        results.push(
          await new Promise((resolve, reject) => {
            const body = step.size ? "x=" + "a".repeat(step.size) : undefined;
            const started = performance.now();
            const req = http.request(
              {
                host: "127.0.0.1",
                port,
                path: step.path,
                method: step.method,
                agent,
                headers: {
                  ...(body ? { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body) } : {}),
                  ...(step.origin ? { Origin: step.origin } : {}),
                },
              },
              (res) => {
                res.resume();
                res.on("end", () =>
                  resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, ms: performance.now() - started }),
                );
              },
            );
            req.setTimeout(4000, () => req.destroy(new Error(`${step.method} ${step.path}: no answer in 4 s`)));
            req.on("error", reject);
            req.end(body);
          }),
        );
    } finally {
      agent.destroy();
    }
    return results;
  }

  it("never leaves its connection waiting for the rest: the next request on it (another learner's, behind a proxy) is answered", async () => {
    const [redirected, next, refused, after] = await overOneConnection([
      { method: "POST", path: "/vi/redirects", size: 600 * 1024 },
      { method: "GET", path: "/healthz" },
      { method: "POST", path: "/vi/redirects", size: 600 * 1024, origin: "https://evil.example" },
      { method: "GET", path: "/healthz" },
    ]);
    expect(redirected!.status).toBe(303);
    // Not kept alive with a body still coming: a proxy must not send anyone's request after it.
    expect(redirected!.connection).toBe("close");
    expect(next!.status).toBe(200);
    expect(refused!.status).toBe(403);
    expect(after!.status).toBe(200);
    // A small post read whole keeps its connection.
    const [small, again] = await overOneConnection([
      { method: "POST", path: "/vi/form", size: 100 },
      { method: "GET", path: "/healthz" },
    ]);
    expect(small!.status).toBe(200);
    expect(small!.connection).toBe("keep-alive");
    expect(again!.status).toBe(200);
  });
});

describe("cross-site posts", () => {
  const post = (headers: Record<string, string>) =>
    fetch(`${base}/vi/form`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers }, body: "a=1" });

  it("are refused with a 403 page; this site's own posts go through", async () => {
    const refused: Record<string, string>[] = [
      { Origin: "https://evil.example" },
      { Origin: "null" },
      { Origin: `http://127.0.0.1:${port}.evil.example` },
      { Referer: "https://evil.example/page" },
      { "Sec-Fetch-Site": "cross-site" },
      { "Sec-Fetch-Site": "same-site", Origin: "https://sibling.example.vn" },
      { Origin: "javascript:alert(1)" },
    ];
    for (const headers of refused) {
      const res = await post(headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(await res.text()).toContain("<h1>crossSite</h1>");
    }
    const allowed: Record<string, string>[] = [
      { Origin: base },
      { Origin: "https://hoc.example.vn" },
      { Referer: `${base}/vi/login` },
      { "Sec-Fetch-Site": "same-origin", Origin: base },
      {},
    ];
    for (const headers of allowed) {
      const res = await post(headers);
      expect(res.status, JSON.stringify(headers)).toBe(200);
    }
  });

  it("compare hosts, not prefixes", () => {
    const req = (headers: Record<string, string>) => ({ headers: { host: "hoc.example.vn", ...headers } }) as never;
    expect(isSameSitePost(req({ origin: "https://hoc.example.vn" }), null)).toBe(true);
    expect(isSameSitePost(req({ origin: "https://hoc.example.vn.evil.example" }), null)).toBe(false);
    expect(isSameSitePost(req({ origin: "https://evil.example" }), "evil.example")).toBe(true);
    expect(isSameSitePost(req({ referer: "not a url" }), null)).toBe(false);
  });
});

describe("security headers", () => {
  it("send a CSP with a fresh nonce per response, Permissions-Policy, and HSTS only over HTTPS", async () => {
    const a = await fetch(`${base}/healthz`);
    const b = await fetch(`${base}/healthz`, { headers: { "X-Forwarded-Proto": "https" } });
    const csp = a.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'/);
    expect(csp).not.toContain("unsafe-inline';script"); // scripts: never unsafe-inline
    expect(csp.split(";").find((d) => d.startsWith("script-src"))).not.toContain("unsafe-inline");
    expect(b.headers.get("content-security-policy")).not.toBe(csp);
    expect(a.headers.get("permissions-policy")).toContain("camera=()");
    expect(a.headers.get("strict-transport-security")).toBeNull();
    expect(b.headers.get("strict-transport-security")).toContain("max-age=");
  });

  it("send only nosniff with the data a page's scripts fetch: a policy means nothing for JSON", async () => {
    for (const path of ["/__manifest?p=%2Fvi&version=1", "/vi/modules/m/l.data?_routes=a"]) {
      const response = await fetch(`${base}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
      for (const name of ["content-security-policy", "permissions-policy", "x-frame-options", "cross-origin-opener-policy"])
        expect(response.headers.get(name), `${path}: ${name}`).toBeNull();
    }
    // A page keeps them.
    expect((await fetch(`${base}/healthz`)).headers.get("content-security-policy")).toContain("script-src");
  });
});
