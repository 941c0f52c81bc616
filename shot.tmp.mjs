import { chromium } from "@playwright/test";
const [url, out, full] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox","--disable-gpu","--disable-quic","--no-first-run","--disable-background-networking","--disable-component-update","--disable-sync"] });
const page = await browser.newPage({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 1 });
await page.goto(url);
await page.screenshot({ path: out, fullPage: full === "full" });
await browser.close();
