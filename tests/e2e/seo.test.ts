import { execFile } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { parse } from "parse5";
import robotsParser from "robots-parser";
import { form, postPractice, postQuiz, unique } from "./classes-helpers";
import { expectAccessible, lessonIds, moduleIds, readLesson, readModuleTitle, readPractices } from "./fixtures";

// Issue 17: byte-clean HTML, link previews, sharing, robots.txt, sitemap and language alternates.
const moduleId = "scam-avoidance";
const lessonId = "fake-police-calls";
const lessonPath = `/vi/modules/${moduleId}/${lessonId}`;
// The second test server has PUBLIC_URL set (playwright.config.ts).
const publicServer = { port: Number(process.env.E2E_PORT ?? 3111) + 1, url: "https://hoc.example.vn" };
const preview = { "User-Agent": "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)" };

type Node = { nodeName: string; tagName?: string; attrs?: { name: string; value: string }[]; childNodes?: Node[]; value?: string };

/** What a link-preview bot reads: the <head>, parsed as HTML, no JavaScript run. */
function readHead(html: string) {
  const elements: Node[] = [];
  const walk = (node: Node) => {
    if (node.tagName) elements.push(node);
    for (const child of node.childNodes ?? []) walk(child);
  };
  const document = parse(html) as unknown as Node;
  const htmlElement = document.childNodes!.find((n) => n.tagName === "html")!;
  walk(htmlElement.childNodes!.find((n) => n.tagName === "head")!);
  const attr = (el: Node, name: string) => el.attrs?.find((a) => a.name === name)?.value;
  const meta = (key: string) =>
    elements.filter((e) => e.tagName === "meta" && (attr(e, "property") ?? attr(e, "name")) === key).map((e) => attr(e, "content")!);
  const links = (rel: string) => elements.filter((e) => e.tagName === "link" && attr(e, "rel") === rel);
  return {
    title:
      elements
        .find((e) => e.tagName === "title")
        ?.childNodes?.map((c) => c.value ?? "")
        .join("") ?? "",
    og: (key: string) => meta(`og:${key}`),
    meta,
    canonical: links("canonical").map((l) => attr(l, "href")!),
    alternates: Object.fromEntries(links("alternate").map((l) => [attr(l, "hreflang")!, attr(l, "href")!])),
  };
}

/** A PNG's size from its header. */
function pngSize(bytes: Buffer) {
  expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** A GET with any Host header (fetch may not send one of its own choosing). */
function getWithHost(port: number, pathname: string, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path: pathname, headers: { Host: host, ...preview } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      })
      .on("error", reject);
  });
}

/** A stand-in for the phone's share sheet (Web Share API), recording what it was given. */
function stubShare() {
  Object.defineProperty(navigator, "share", {
    value: (data: unknown) => {
      (window as unknown as { __shared: unknown }).__shared = data;
      return Promise.resolve();
    },
  });
}

/** The module quickest to finish, for a certificate. */
function smallestModule(): string {
  const size = (m: string) => lessonIds("vi", m).length + readPractices("vi", m).length;
  return moduleIds("vi").sort((a, b) => size(a) - size(b))[0]!;
}

/** A new account that completes a module and claims its certificate; returns the code. */
async function earnCertificate(request: APIRequestContext, name: string) {
  const signup = await request.post("/vi/signup", form({ displayName: name, login: `s${unique()}`, password: "mat-khau-dai-8" }));
  expect(signup.status()).toBe(302);
  const certModule = smallestModule();
  let lessonResult = "";
  for (const id of lessonIds("vi", certModule)) lessonResult = await postQuiz(request, certModule, id);
  for (const practice of readPractices("vi", certModule)) await postPractice(request, certModule, practice);
  const claimed = await request.post(`/vi/certificates/claim/${certModule}`, form({ printedName: name }));
  expect(claimed.status()).toBe(302);
  const code = /certificates\/([0-9A-Z-]{17})/.exec(claimed.headers().location ?? "")![1]!;
  return { code, certModule, lessonResult };
}

test.describe("byte-clean HTML", () => {
  test("every course page in the sitemap, rendered, cached and compressed, has no NUL byte and is valid UTF-8", async ({ baseURL }) => {
    test.setTimeout(120_000);
    const sitemap = await (await fetch(`${baseURL}/sitemap.xml`)).text();
    const pages = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
    expect(pages.length).toBeGreaterThan(100);
    const cacheable = new Set(pages);
    pages.push("/vi/display", "/en/display", "/vi/verify", "/vi/login", "/vi/signup", "/vi/progress", "/vi/certificates");
    const decoder = new TextDecoder("utf-8", { fatal: true });
    const problems: string[] = [];
    const check = async (pathname: string) => {
      // A query of its own: the first request is rendered, the next ones come from the page cache.
      const url = `${baseURL}${pathname}?bytes=${unique()}`;
      // Rendered and gzipped as it streams; then the cached copy as stored, and brotli (or gzip until
      // the cache's brotli copy is ready).
      for (const [encoding, cached] of [
        ["gzip", false],
        ["identity", true],
        ["br", true],
      ] as const) {
        const response = await fetch(url, { headers: { "Accept-Encoding": encoding } });
        const bytes = Buffer.from(await response.arrayBuffer());
        if (response.status !== 200) problems.push(`${pathname} ${encoding}: ${response.status}`);
        if (cached && cacheable.has(pathname) && response.headers.get("x-cache") !== "HIT")
          problems.push(`${pathname} ${encoding}: not from the page cache`);
        const nul = bytes.indexOf(0);
        if (nul >= 0) problems.push(`${pathname} (${encoding}${cached ? ", cached" : ""}): NUL at byte ${nul}`);
        try {
          decoder.decode(bytes);
        } catch {
          problems.push(`${pathname} ${encoding}: not valid UTF-8`);
        }
      }
    };
    for (let i = 0; i < pages.length; i += 6) await Promise.all(pages.slice(i, i + 6).map(check));
    expect(problems).toEqual([]);
  });
});

test.describe("link previews", () => {
  test("a lesson shows its title, summary, topic card, locale and address to a preview bot", async ({ request, baseURL }) => {
    const response = await request.get(lessonPath, { headers: preview });
    expect(response.status()).toBe(200);
    const head = readHead(await response.text());
    const lesson = readLesson("vi", moduleId, lessonId) as unknown as { title: string; summary: string };
    const url = `${baseURL}${lessonPath}`;
    expect(head.og("title")).toEqual([lesson.title]);
    expect(head.og("description")).toEqual([lesson.summary]);
    expect(head.og("type")).toEqual(["article"]);
    expect(head.og("url")).toEqual([url]);
    expect(head.canonical).toEqual([url]);
    expect(head.og("locale")).toEqual(["vi_VN"]);
    expect(head.og("locale:alternate")).toEqual(["en_US"]);
    expect(head.meta("twitter:card")).toEqual(["summary_large_image"]);
    expect(head.alternates).toEqual({ vi: url, en: `${baseURL}/en/modules/${moduleId}/${lessonId}`, "x-default": url });

    // The card: a small PNG of the right size, with the topic's Vietnamese title as its description.
    const [image] = head.og("image");
    expect(image).toMatch(new RegExp(`^${baseURL}/vi/cards/${moduleId}\\.png\\?v=`));
    expect(head.og("image:alt")).toEqual([readModuleTitle("vi", moduleId)]);
    const card = await request.get(image!);
    expect(card.status()).toBe(200);
    expect(card.headers()["content-type"]).toBe("image/png");
    const png = await card.body();
    expect(png.length).toBeLessThan(80 * 1024);
    expect(pngSize(png)).toEqual({ width: 1200, height: 630 });
    expect([head.og("image:width"), head.og("image:height")]).toEqual([["1200"], ["630"]]);
    expect((await request.get(`/vi/cards/no-such-topic.png`)).status()).toBe(404);
  });

  test("the English page and its alternates point at each other; topics and the home page have cards too", async ({ request, baseURL }) => {
    const en = readHead(await (await request.get(`/en/modules/${moduleId}/${lessonId}`, { headers: preview })).text());
    expect(en.og("locale")).toEqual(["en_US"]);
    expect(en.canonical).toEqual([`${baseURL}/en/modules/${moduleId}/${lessonId}`]);
    for (const href of Object.values(en.alternates)) {
      const alt = readHead(await (await request.get(href)).text());
      expect(alt.canonical, href).toEqual([href]);
      expect(alt.alternates).toEqual(en.alternates);
    }
    const topic = readHead(await (await request.get(`/vi/modules/${moduleId}`, { headers: preview })).text());
    expect(topic.og("title")).toEqual([readModuleTitle("vi", moduleId)]);
    expect(topic.og("image")[0]).toContain(`/vi/cards/${moduleId}.png?v=`);
    const home = readHead(await (await request.get(`/vi`, { headers: preview })).text());
    expect(home.og("image")[0]).toContain(`/vi/cards/course.png?v=`);
    expect(home.canonical).toEqual([`${baseURL}/vi`]);
    // Every public page has its canonical address.
    for (const pathname of ["/vi/display", "/vi/verify", "/vi/login", "/vi/signup", `/vi/modules/${moduleId}/practice/spot-the-scam`]) {
      expect(readHead(await (await request.get(`${pathname}?from=zalo`)).text()).canonical, pathname).toEqual([`${baseURL}${pathname}`]);
    }
  });

  test("addresses come from PUBLIC_URL, never from the request's Host header", async () => {
    for (const host of [`127.0.0.1:${publicServer.port}`, "evil.example"]) {
      const head = readHead(await getWithHost(publicServer.port, lessonPath, host));
      expect(head.og("url")).toEqual([`${publicServer.url}${lessonPath}`]);
      expect(head.canonical).toEqual([`${publicServer.url}${lessonPath}`]);
      expect(head.og("image")[0]).toMatch(new RegExp(`^${publicServer.url}/vi/cards/`));
    }
    const robots = await getWithHost(publicServer.port, "/robots.txt", "evil.example");
    expect(robots).toContain(`Sitemap: ${publicServer.url}/sitemap.xml`);
    expect(await getWithHost(publicServer.port, "/sitemap.xml", "evil.example")).not.toContain("evil");
  });

  test("a certificate's page previews “Chứng nhận hợp lệ — <topic>” without the holder's name; its holder shares it", async ({
    browser,
    playwright,
    baseURL,
    request,
  }) => {
    test.setTimeout(90_000);
    const learner = await playwright.request.newContext({ baseURL });
    const name = "Trần Văn Riêng Tư";
    const { code, certModule } = await earnCertificate(learner, name);
    for (const pathname of [`/vi/verify/${code}`, `/verify/${code}`]) {
      const response = await request.get(pathname, { headers: { ...preview, "Accept-Language": "vi" } });
      expect(response.status()).toBe(200);
      const html = await response.text();
      const head = readHead(html);
      expect(head.og("title")).toEqual([`Chứng nhận hợp lệ — ${readModuleTitle("vi", certModule)}`]);
      expect(head.title).toBe(head.og("title")[0]);
      expect(head.og("url")).toEqual([`${baseURL}/vi/verify/${code}`]);
      expect(head.og("image")[0]).toContain(`/vi/cards/${certModule}.png?v=`);
      expect(head.meta("robots")).toEqual(["noindex"]);
      expect(head.canonical).toEqual([]);
      // The page itself shows the name (it is the check); what a preview shows does not.
      expect(html).toContain(name);
      const headHtml = html.slice(0, html.indexOf("</head>"));
      expect(headHtml).not.toContain(name);
      expect(headHtml).not.toContain("Riêng");
    }
    const english = readHead(await (await request.get(`/en/verify/${code}`, { headers: preview })).text());
    expect(english.og("title")).toEqual([`Valid certificate — ${readModuleTitle("en", certModule)}`]);

    // The holder's own certificate page: "Chia sẻ" sends the verification address.
    const context = await browser.newContext({ storageState: await learner.storageState(), viewport: { width: 360, height: 640 } });
    const page = await context.newPage();
    await page.addInitScript(stubShare);
    await page.goto(`/vi/certificates/${code}`);
    await page.getByRole("button", { name: "Chia sẻ", exact: true }).click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __shared: unknown }).__shared))
      .toEqual({ url: `${baseURL}/verify/${code}` });
    await expectAccessible(page);
    await context.close();
    await learner.dispose();
  });
});

test.describe("Chia sẻ", () => {
  test("a lesson: the phone's share sheet where there is one, else the link is copied and that is said", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
    const page = await context.newPage();
    await page.addInitScript(stubShare);
    await page.goto(lessonPath);
    const lesson = readLesson("vi", moduleId, lessonId);
    await page.getByRole("button", { name: "Chia sẻ", exact: true }).click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __shared: unknown }).__shared))
      .toEqual({ title: lesson.title, url: `${baseURL}${lessonPath}` });
    await expectAccessible(page);
    await context.close();

    const noShare = await browser.newContext({ viewport: { width: 360, height: 640 }, permissions: ["clipboard-read", "clipboard-write"] });
    const second = await noShare.newPage();
    await second.addInitScript(() => Object.defineProperty(navigator, "share", { value: undefined }));
    await second.goto(lessonPath);
    await second.getByRole("button", { name: "Chia sẻ", exact: true }).click();
    await expect(second.locator(".share [aria-live=polite]")).toHaveText("Đã chép liên kết. Hãy dán vào Zalo hoặc tin nhắn để gửi.");
    expect(await second.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}${lessonPath}`);
    await noShare.close();
  });

  test("without JavaScript: no button, a plain link to copy", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 640 } });
    const page = await context.newPage();
    await page.goto(lessonPath);
    await expect(page.getByRole("button", { name: "Chia sẻ", exact: true })).toHaveCount(0);
    const link = page.locator(".share-section a");
    await expect(link).toHaveText(`${baseURL}${lessonPath}`);
    await expect(link).toHaveAttribute("href", `${baseURL}${lessonPath}`);
    await context.close();
  });
});

test.describe("crawlers", () => {
  test("robots.txt closes personal, teaching, admin and report pages, and names the sitemap", async ({ request, baseURL }) => {
    const response = await request.get("/robots.txt");
    expect(response.headers()["content-type"]).toContain("text/plain");
    const robots = robotsParser(`${baseURL}/robots.txt`, await response.text());
    for (const closed of [
      "/vi/progress",
      "/en/certificates/7K3QD-M9X2A-RT5VC",
      "/vi/modules/scam-avoidance/fake-police-calls/attempts/1",
      "/vi/modules/scam-avoidance/practice/spot-the-scam/attempts/1",
      "/vi/teach/classes/1/progress",
      "/vi/teach/classes/1/export.csv",
      "/vi/admin/roles",
      "/vi/follow/1",
    ]) {
      expect(robots.isAllowed(`${baseURL}${closed}`, "Googlebot"), closed).toBe(false);
    }
    for (const open of ["/vi", lessonPath, "/en/modules/scam-avoidance", "/vi/verify/7K3QD-M9X2A-RT5VC", "/sitemap.xml"]) {
      expect(robots.isAllowed(`${baseURL}${open}`, "Googlebot"), open).toBe(true);
    }
    expect(robots.getSitemaps()).toEqual([`${baseURL}/sitemap.xml`]);
  });

  test("sitemap.xml lists every topic, lesson and practice in every locale with hreflang alternates", async ({
    page,
    request,
    baseURL,
  }) => {
    const response = await request.get("/sitemap.xml");
    expect(response.headers()["content-type"]).toContain("application/xml");
    const xml = await response.text();
    // Parsed as XML by the browser: well-formed, in the sitemap namespace.
    const urls = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, "application/xml");
      if (doc.querySelector("parsererror")) return null;
      const ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
      return Array.from(doc.getElementsByTagNameNS(ns, "url")).map((url) => ({
        loc: url.getElementsByTagNameNS(ns, "loc")[0]!.textContent!,
        alternates: Object.fromEntries(
          Array.from(url.getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "link")).map((l) => [
            l.getAttribute("hreflang"),
            l.getAttribute("href"),
          ]),
        ),
      }));
    }, xml);
    expect(urls).not.toBeNull();
    const modules = moduleIds("vi");
    const expected = [
      "",
      ...modules.flatMap((m) => [
        `/modules/${m}`,
        ...lessonIds("vi", m).map((l) => `/modules/${m}/${l}`),
        ...readPractices("vi", m).map((p) => `/modules/${m}/practice/${p.id}`),
      ]),
    ];
    for (const locale of ["vi", "en"]) {
      for (const pathname of expected) {
        const entry = urls!.find((u) => u.loc === `${baseURL}/${locale}${pathname}`);
        expect(entry, `${locale}${pathname}`).toBeTruthy();
        expect(entry!.alternates).toEqual({
          vi: `${baseURL}/vi${pathname}`,
          en: `${baseURL}/en${pathname}`,
          "x-default": `${baseURL}/vi${pathname}`,
        });
      }
    }
    expect(urls).toHaveLength(expected.length * 2);
  });
});

test.describe("Nu HTML checker", () => {
  test("the main learner pages (and a learner's own) have no NUL byte and no errors but the framework's, documented", async ({
    playwright,
    baseURL,
    request,
  }) => {
    test.setTimeout(120_000);
    const learner = await playwright.request.newContext({ baseURL });
    const { code, lessonResult } = await earnCertificate(learner, "Phạm Thị Kiểm Tra");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vnu-"));
    const pages: [string, APIRequestContext][] = [
      ["/vi", request],
      [`/vi/modules/${moduleId}`, request],
      [lessonPath, request],
      [`/en/modules/${moduleId}/${lessonId}`, request],
      ["/vi/modules/cashless-payment/practice/vietqr-check", request],
      ["/vi/display", request],
      ["/vi/login", request],
      ["/vi/signup", request],
      ["/vi/verify", request],
      [`/vi/verify/${code}`, request],
      ["/vi/progress", learner],
      ["/vi/certificates", learner],
      [`/vi/certificates/${code}`, learner],
      [lessonResult, learner],
    ];
    const files: Record<string, { pathname: string; html: string }> = {};
    for (const [i, [pathname, client]] of pages.entries()) {
      const bytes = await (await client.get(pathname)).body();
      // A learner's own pages are rendered for every request: byte-clean too.
      expect(bytes.indexOf(0), `NUL in ${pathname}`).toBe(-1);
      const html = bytes.toString("utf8");
      const file = path.join(dir, `page-${i}.html`);
      fs.writeFileSync(file, html);
      files[file] = { pathname, html };
    }
    // A control page with a known error: proves the checker ran and reports errors.
    const control = path.join(dir, "control.html");
    fs.writeFileSync(control, "<!DOCTYPE html><html lang=vi><head></head><body><p>x</p></body></html>");

    // One JVM for every page (about 10 s).
    const jar = path.resolve("node_modules/vnu-jar/build/dist/vnu.jar");
    const run = await promisify(execFile)("java", ["-jar", jar, "--errors-only", "--format", "json", ...Object.keys(files), control], {
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stdout: string; stderr: string }) => error);
    const messages = (
      JSON.parse(run.stderr || run.stdout) as {
        messages: { type: string; subType?: string; url: string; message: string; lastLine?: number; lastColumn?: number }[];
      }
    ).messages;

    // The framework's: Remix's <RemixServer> renders the single-fetch data (a <Suspense> with its
    // <script>s) after the whole document, so React writes it after </html>: "Stray start tag script"
    // (or "template", React's placeholder while that data streams), then the checker stops, with
    // nothing of the document left to check. Browsers and HTML parsers move it into <body>. Only
    // those, placed after </html>, are allowed.
    const afterDocument = (m: (typeof messages)[number]) => {
      const page = files[m.url.replace(/^file:/, "")];
      if (!page || m.lastLine === undefined) return false;
      const lines = page.html.split("\n");
      const end = page.html.indexOf("</html>");
      const endLine = page.html.slice(0, end).split("\n").length;
      const endColumn = end - page.html.lastIndexOf("\n", end - 1);
      return lines.length >= m.lastLine && (m.lastLine > endLine || (m.lastLine === endLine && (m.lastColumn ?? 0) > endColumn));
    };
    const framework = (m: (typeof messages)[number]) =>
      /^Stray start tag “(script|template)”\.$|^Cannot recover after last error/.test(m.message) && afterDocument(m);
    const controlErrors = messages.filter((m) => m.url.endsWith("control.html"));
    expect(controlErrors.map((m) => m.message)).toEqual([expect.stringContaining("missing a required instance of child element “title”")]);
    const unexplained = messages
      .filter((m) => !m.url.endsWith("control.html") && !framework(m))
      .map((m) => `${files[m.url.replace(/^file:/, "")]?.pathname ?? m.url}:${m.lastLine}: ${m.message}`);
    expect(unexplained).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });
    await learner.dispose();
  });
});
