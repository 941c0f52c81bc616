import http from "node:http";
import type { AddressInfo } from "node:net";
import { createHash } from "node:crypto";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageCache, policyForStoredPage } from "./page-cache.mjs";

let base = "";
let renders = 0;
let close: () => void;

beforeAll(async () => {
  const app = express();
  app.use(pageCache());
  app.get("/public", (_req, res) => {
    renders += 1;
    res.setHeader("Cache-Control", "public, max-age=0, s-maxage=300");
    res.setHeader("Vary", "Cookie");
    res.write("<p>render ");
    res.end(`${renders}</p>`);
  });
  app.get("/scripted", (_req, res) => {
    renders += 1;
    const nonce = `n${renders}`;
    res.setHeader("Cache-Control", "public, s-maxage=300");
    res.setHeader("Content-Security-Policy", `default-src 'self';script-src 'self' 'nonce-${nonce}';object-src 'none'`);
    res.end(
      `<script nonce="${nonce}">a()</script><script type="module" nonce="${nonce}">import "/x.js"</script><script src="/y.js"></script>`,
    );
  });
  app.get("/host", (req, res) => {
    res.setHeader("Cache-Control", "public, max-age=0, s-maxage=300");
    res.end(`<link rel="canonical" href="http://${req.headers.host}/host">`);
  });
  app.get("/private", (_req, res) => {
    renders += 1;
    res.setHeader("Cache-Control", "private, no-cache");
    res.end(`private ${renders}`);
  });
  app.get("/sets-cookie", (_req, res) => {
    renders += 1;
    res.setHeader("Cache-Control", "public, s-maxage=300");
    res.setHeader("Set-Cookie", "a=b");
    res.end(`cookie ${renders}`);
  });
  app.get("/missing", (_req, res) => {
    renders += 1;
    res.setHeader("Cache-Control", "public, s-maxage=300");
    res.status(404).end(`missing ${renders}`);
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

const get = (path: string, headers: Record<string, string> = {}) => fetch(base + path, { headers });

const sha = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

describe("pageCache", () => {
  it("stores a page with the hashes of its inline scripts instead of one response's nonce", async () => {
    const first = await get("/scripted");
    expect(first.headers.get("content-security-policy")).toContain("'nonce-");
    await first.text();
    const second = await get("/scripted");
    expect(second.headers.get("x-cache")).toBe("HIT");
    expect(second.headers.get("content-security-policy")).toBe(
      `default-src 'self';script-src 'self' ${sha("a()")} ${sha('import "/x.js"')};object-src 'none'`,
    );
    expect(policyForStoredPage("script-src 'self' 'nonce-abc'", "<p>no scripts</p>")).toBe("script-src 'self'");
  });

  it("renders an anonymous public page once and serves the same bytes after", async () => {
    const first = await get("/public");
    const body = await first.text();
    const second = await get("/public");
    expect(second.headers.get("x-cache")).toBe("HIT");
    expect(await second.text()).toBe(body);
    expect(second.headers.get("cache-control")).toContain("s-maxage=300");
  });

  it("serves a cached page gzipped to clients that accept it", async () => {
    await get("/public");
    const res = await fetch(base + "/public", { headers: { "Accept-Encoding": "gzip" }, decompress: false } as RequestInit);
    expect(res.headers.get("x-cache")).toBe("HIT");
    // fetch decompresses transparently; the header says what travelled.
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect(await res.text()).toMatch(/^<p>render \d+<\/p>$/);
  });

  it("never answers a request that carries a cookie from the cache", async () => {
    await get("/public");
    const before = renders;
    const res = await get("/public", { Cookie: "__session=abc" });
    expect(res.headers.get("x-cache")).toBeNull();
    expect(renders).toBe(before + 1);
  });

  it("does not keep private pages, pages that set cookies, or errors", async () => {
    for (const path of ["/private", "/sets-cookie", "/missing"]) {
      await get(path);
      const again = await get(path);
      expect(again.headers.get("x-cache"), path).toBeNull();
    }
  });

  it("keeps one copy per Host: a forged Host header never reaches another visitor", async () => {
    const { port } = new URL(base);
    const getWithHost = (host: string) =>
      new Promise<string>((resolve, reject) => {
        http
          .get({ host: "127.0.0.1", port, path: "/host", headers: { Host: host } }, (res) => {
            let body = "";
            res.on("data", (chunk: Buffer) => (body += chunk.toString()));
            res.on("end", () => resolve(body));
          })
          .on("error", reject);
      });
    expect(await getWithHost("evil.example")).toContain("http://evil.example/host");
    expect(await getWithHost("hoc.example.vn")).toContain("http://hoc.example.vn/host");
    expect(await getWithHost("hoc.example.vn")).not.toContain("evil");
  });
});

describe("pageCache bounds", () => {
  /** A server whose cache holds at most `options`; `/p/:n` is a page of `size` bytes, rendered anew each time. */
  async function boundedServer(options: { maxEntries?: number; maxBytes?: number }, size = 1000) {
    const app = express();
    app.use(pageCache(options));
    let count = 0;
    app.get("/p/:n", (req, res) => {
      count += 1;
      res.setHeader("Cache-Control", "public, s-maxage=300");
      res.end(`${req.params.n} ${count} `.padEnd(size, String.fromCharCode(97 + (count % 26))));
    });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const cached = async (n: number) => {
      const res = await fetch(`${url}/p/${n}`);
      await res.text();
      const hit = res.headers.get("x-cache") === "HIT";
      // A page just stored gets its brotli copy in the background (a few ms), which counts as a
      // use of it: let that happen now, so that the order of use is the one the test makes.
      if (!hit) await new Promise((resolve) => setTimeout(resolve, 500));
      return hit;
    };
    return { cached, close: () => server.close() };
  }

  it("keeps at most maxEntries pages: the least recently used goes first", async () => {
    const { cached, close } = await boundedServer({ maxEntries: 2 });
    try {
      expect(await cached(1)).toBe(false);
      expect(await cached(2)).toBe(false);
      expect(await cached(1)).toBe(true); // 1 is now the most recently used
      expect(await cached(3)).toBe(false); // stored; 2 goes
      expect(await cached(1)).toBe(true);
      expect(await cached(3)).toBe(true);
      expect(await cached(2)).toBe(false);
    } finally {
      close();
    }
  });

  it("keeps at most maxBytes of pages: the least recently used goes first, and a page larger than that is never kept", async () => {
    // Room for three 10 KB pages and not a fourth (their compressed copies are a few bytes each).
    const { cached, close } = await boundedServer({ maxBytes: 35_000 }, 10_000);
    try {
      for (const n of [1, 2, 3]) expect(await cached(n)).toBe(false);
      for (const n of [1, 2, 3]) expect(await cached(n), `page ${n}`).toBe(true);
      expect(await cached(4)).toBe(false);
      expect(await cached(1)).toBe(false); // the least recently used went
      // A page larger than the whole cache is served and never kept.
      const big = await boundedServer({ maxBytes: 5_000 }, 10_000);
      expect(await big.cached(9)).toBe(false);
      expect(await big.cached(9)).toBe(false);
      big.close();
    } finally {
      close();
    }
  });
});
