import http from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import express from "express";
import fc from "fast-check";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { decode, encode } from "turbo-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cutTemplate, escapeForHtml, escapeForHydrationScript, fillTemplate, pageTemplates } from "./page-templates.mjs";

// Remix's own escaping of its hydration script (what `<Scripts>` writes around turbo-stream's text).
const { escapeHtml } = createRequire(import.meta.url)("@remix-run/react/dist/markup.js") as { escapeHtml: (html: string) => string };

/** Names as people type them, and as a hostile one would: quotes, tags, backslashes, line separators, emoji. */
const names = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(..."<>&\"'\\/\u2028\u2029 aÁđ😀</script>".split("")), maxLength: 30 }),
  fc.constantFrom("</script><script>alert(1)</script>", 'Lan "Bé" & <Ánh>', "\\u003c", "a\u2028b"),
);

async function streamText(value: unknown): Promise<string> {
  const reader = encode(value).getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += decoder.decode(chunk.value, { stream: true });
  return text;
}

describe("a name put in a template's place is what React and Remix would have written", () => {
  it("in HTML text and attributes, escaped as React escapes them", () => {
    fc.assert(
      fc.property(names, (name) => {
        const rendered = renderToStaticMarkup(createElement("p", { title: name }, name));
        expect(`<p title="${escapeForHtml(name)}">${escapeForHtml(name)}</p>`).toBe(rendered);
      }),
      { numRuns: 2000 },
    );
  });

  it("in Remix's hydration script: byte for byte, and decoded back to the same name", async () => {
    const slot = "bdhvs0123456789abcdef";
    const template = escapeHtml(JSON.stringify(await streamText({ learner: { displayName: slot } })));
    await fc.assert(
      fc.asyncProperty(
        // turbo-stream writes a string equal to a key once and refers to it: names equal to a key are apart.
        names.filter((name) => !["learner", "displayName"].includes(name)),
        async (name) => {
          const filled = template.replace(slot, escapeForHydrationScript(name));
          expect(filled).toBe(escapeHtml(JSON.stringify(await streamText({ learner: { displayName: name } }))));
          // What the browser runs: a JavaScript string literal (JSON's escapes are a subset), then turbo-stream.
          const text = JSON.parse(filled) as string;
          const decoded = await decode(
            new ReadableStream({
              start(controller) {
                controller.enqueue(new TextEncoder().encode(text));
                controller.close();
              },
            }),
          );
          expect(decoded.value).toEqual({ learner: { displayName: name } });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("cuts a page at each placeholder and nonce, and fills each place by where it stands", () => {
    const slot = "bdhvsfeedface";
    const nonce = "ab+c/d==";
    const page = `<p title="${slot}">Hi ${slot}</p><script nonce="${nonce}">enqueue("${slot}")</script><b nonce="${nonce}">${slot}</b>`;
    const parts = cutTemplate(page, slot, nonce);
    const filled = fillTemplate(parts, { name: `"<Ánh>"`, nonce: "N1" }).toString();
    expect(filled).toBe(
      `<p title="&quot;&lt;Ánh&gt;&quot;">Hi &quot;&lt;Ánh&gt;&quot;</p><script nonce="N1">enqueue("\\\\\\"\\u003cÁnh\\u003e\\\\\\"")</script><b nonce="N1">&quot;&lt;Ánh&gt;&quot;</b>`,
    );
    expect(fillTemplate(parts, { name: null, nonce: "N2" }).toString()).toBe(
      `<p title="">Hi </p><script nonce="N2">enqueue("")</script><b nonce="N2"></b>`,
    );
  });
});

describe("page templates in front of an app (server/page-templates.mjs)", () => {
  let base = "";
  let close: () => void;
  let renders = 0;
  const learners: Record<string, { name: string | null; links: string }> = {
    a: { name: "Lan", links: "none" },
    b: { name: 'Bé "Ba" <Ánh>', links: "none" },
    c: { name: "Cúc", links: "teach" },
    g: { name: null, links: "none" },
  };
  const who = (cookie: string | undefined) => learners[/who=(\w)/.exec(cookie ?? "")?.[1] ?? "g"] ?? learners.g!;
  const keyFor = async (request: Request) => {
    const learner = who(request.headers.get("cookie") ?? "");
    return { key: JSON.stringify([learner.name !== null, learner.links]), name: learner.name };
  };

  /** A server with the templates in front of a stand-in for Remix: the root's part from the cookie (the name as the placeholder when asked), the rest the same for everyone on /same (and /same/:n), and per learner on /own. */
  async function templateServer(options: { variants?: number; maxBytes?: number; maxAddresses?: number }) {
    const app = express();
    // Like server/security.mjs: a nonce per response.
    app.use((_req, res, next) => {
      res.locals.cspNonce = `nonce${Math.random().toString(36).slice(2)}`;
      next();
    });
    app.use(pageTemplates({ keyFor, ttlMs: 60_000, ...options }));
    const render = (same: boolean) => (req: express.Request, res: express.Response) => {
      renders += 1;
      const template = res.locals.pageTemplate as { nameSlot?: string; eligible?: boolean; key?: string } | undefined;
      const learner = who(req.headers.cookie);
      const name = learner.name === null ? null : (template?.nameSlot ?? learner.name);
      if (template) {
        template.eligible = same;
        if (template.nameSlot) template.key = JSON.stringify([learner.name !== null, learner.links]);
      }
      const nonce = res.locals.cspNonce as string;
      const esc = (s: string) => (s === template?.nameSlot ? s : s.replace(/["'&<>]/g, (c) => `&#${c.charCodeAt(0)};`));
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      res.setHeader("Cache-Control", "private, no-cache");
      if (req.query.cookie) res.setHeader("Set-Cookie", "x=1");
      res.write(`<header>${name === null ? "" : esc(name)} ${learner.links}</header>`);
      res.end(
        `<main>render ${renders}${same ? "" : ` of ${esc(learner.name ?? "")}`}</main>${"<p>text</p>".repeat(Number(req.query.paras ?? 0))}<script nonce="${nonce}">go()</script>`,
      );
    };
    app.get("/same", render(true));
    app.get("/same/:n", render(true));
    app.get("/own", render(false));
    app.get("/same.data", render(true));
    const server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
  }

  beforeAll(async () => {
    ({ base, close } = await templateServer({ variants: 2 }));
  });
  afterAll(() => close());

  const browser = "Mozilla/5.0 (Linux; Android 10) Chrome/120.0 Mobile Safari/537.36";
  const get = (path: string, learner: string, headers: Record<string, string> = {}, at = base) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
      http
        .get(at + path, { headers: { cookie: `who=${learner}`, "user-agent": browser, ...headers } }, (res) => {
          let body = "";
          res.on("data", (c) => (body += c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        })
        .on("error", reject);
    });

  it("renders a page normally first, then as templates, then fills them in with each learner's own name and nonce", async () => {
    const first = await get("/same", "a");
    expect(first.headers["x-cache"]).toBeUndefined();
    expect(first.body).toContain("<header>Lan none</header>");
    // Two renders with the placeholder (variants: 2), each sent filled in…
    for (const learner of ["a", "b"]) {
      const made = await get("/same", learner);
      expect(made.headers["x-cache"]).toBeUndefined();
      expect(made.body).toContain(`<header>${learner === "a" ? "Lan" : "Bé &quot;Ba&quot; &lt;Ánh&gt;"} none</header>`);
      expect(made.body).not.toMatch(/bdhvs/);
    }
    // …then no render: every learner with the same key gets a template with their own name.
    const before = renders;
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const learner = i % 2 ? "a" : "b";
      const page = await get("/same", learner);
      expect(page.headers["x-cache"]).toBe("TEMPLATE");
      expect(page.body).toContain(`<header>${learner === "a" ? "Lan" : "Bé &quot;Ba&quot; &lt;Ánh&gt;"} none</header>`);
      expect(page.body).not.toContain(learner === "a" ? "Ba" : "Lan");
      const nonce = /<script nonce="([^"]+)"/.exec(page.body)?.[1];
      expect(nonce).toMatch(/^nonce/);
      expect(seen.has(nonce!)).toBe(false);
      seen.add(nonce!);
      expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(page.headers["cache-control"]).toBe("private, no-cache");
    }
    expect(renders).toBe(before);
  });

  it("keeps learners whose root differs in more than the name apart (other links, no name)", async () => {
    for (let i = 0; i < 4; i++) await get("/same", "c");
    const teach = await get("/same", "c");
    expect(teach.headers["x-cache"]).toBe("TEMPLATE");
    expect(teach.body).toContain("<header>Cúc teach</header>");
    for (let i = 0; i < 3; i++) await get("/same", "g");
    const guest = await get("/same", "g");
    expect(guest.headers["x-cache"]).toBe("TEMPLATE");
    expect(guest.body).toContain("<header> none</header>");
    expect((await get("/same", "a")).body).toContain("<header>Lan none</header>");
  });

  it("never makes a template of a page that did not say it may be one, nor of a response setting a cookie", async () => {
    const before = renders;
    for (let i = 0; i < 6; i++) {
      const page = await get("/own", i % 2 ? "a" : "b");
      expect(page.headers["x-cache"]).toBeUndefined();
      expect(page.body).toContain(i % 2 ? "of Lan" : "of Bé &#34;Ba&#34; &#60;Ánh&#62;");
    }
    expect(renders - before).toBe(6);
    const cookieBefore = renders;
    for (let i = 0; i < 6; i++) expect((await get("/same?cookie=1", "a")).headers["x-cache"]).toBeUndefined();
    expect(renders - cookieBefore).toBe(6);
  });

  it("leaves data requests, bots and anonymous visitors to the app", async () => {
    const before = renders;
    for (let i = 0; i < 4; i++) expect((await get("/same.data", "a")).headers["x-cache"]).toBeUndefined();
    for (let i = 0; i < 4; i++) expect((await get("/same", "a", { "user-agent": "Googlebot/2.1" })).headers["x-cache"]).toBeUndefined();
    for (let i = 0; i < 4; i++) expect((await get("/same", "a", { cookie: "" })).headers["x-cache"]).toBeUndefined();
    expect(renders - before).toBe(12);
  });
  it("keeps at most maxBytes of templates: the least recently used goes first", async () => {
    const small = await templateServer({ variants: 1, maxBytes: 3_000 });
    const from = (path: string) => get(path, "a", {}, small.base);
    try {
      // Each page ~1.1 KB once cut (100 paragraphs): room for two, not three.
      const page = (n: number) => `/same/${n}?paras=100`;
      for (const n of [1, 2]) for (let i = 0; i < 2; i++) await from(page(n));
      expect((await from(page(1))).headers["x-cache"]).toBe("TEMPLATE");
      expect((await from(page(2))).headers["x-cache"]).toBe("TEMPLATE");
      expect((await from(page(1))).headers["x-cache"]).toBe("TEMPLATE"); // 1 is the most recently used
      for (let i = 0; i < 2; i++) await from(page(3)); // stored; 2 goes
      expect((await from(page(3))).headers["x-cache"]).toBe("TEMPLATE");
      expect((await from(page(1))).headers["x-cache"]).toBe("TEMPLATE");
      expect((await from(page(2))).headers["x-cache"]).toBeUndefined();
    } finally {
      small.close();
    }
  });
});
