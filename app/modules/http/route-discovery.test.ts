import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";

// patches/@remix-run+react+*.patch (README, decision 117), applied by patch-package on npm install.
const fogOfWar = path.join(path.dirname(createRequire(import.meta.url).resolve("@remix-run/react")), "esm", "fog-of-war.js");

/** The lines the patch adds to the browser's route discovery, run as the browser runs them. */
function discoveredAtStart(window: unknown): string[] {
  const code = fs.readFileSync(fogOfWar, "utf8");
  const start = code.indexOf("const discoveredPaths = new Set();");
  const end = code.indexOf("\n}\n", code.indexOf('typeof window !== "undefined"', start));
  expect(start, "Remix's fog-of-war.js no longer starts its discovered paths as the patch expects").toBeGreaterThan(-1);
  expect(end, "the patch (patches/@remix-run+react+*.patch) is not applied: run npm install").toBeGreaterThan(start);
  const lines = code.slice(start, end + 2);
  return new Function("window", `${lines}\nreturn [...discoveredPaths];`)(window) as string[];
}

describe("the page's own paths count as discovered (lazy route discovery asks nothing for them)", () => {
  it("are the page's path and each of its parents, as the route table sent with the page has them", () => {
    expect(discoveredAtStart({ location: { pathname: "/vi/modules/scam-avoidance" } })).toEqual([
      "/",
      "/vi",
      "/vi/modules",
      "/vi/modules/scam-avoidance",
    ]);
    expect(discoveredAtStart({ location: { pathname: "/" } })).toEqual(["/"]);
    expect(discoveredAtStart({ location: { pathname: "/vi/" } })).toEqual(["/", "/vi", "/vi/"]);
  });

  it("are not added where there is no window (the server's copy)", () => {
    expect(discoveredAtStart(undefined)).toEqual([]);
  });
});
