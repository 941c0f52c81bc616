import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { addPagePaths, pagePathsDiscoveredPlugin, withPagePathsDiscovered } from "./route-discovery.mjs";

const fogOfWar = path.join(path.dirname(createRequire(import.meta.url).resolve("@remix-run/react")), "esm", "fog-of-war.js");

describe("the page's own paths, discovered", () => {
  it("are the page's path and each of its parents, as the route table sent with the page has them", () => {
    const paths = new Set<string>();
    addPagePaths(paths, "/vi/modules/scam-avoidance");
    expect([...paths]).toEqual(["/", "/vi", "/vi/modules", "/vi/modules/scam-avoidance"]);
    const root = new Set<string>();
    addPagePaths(root, "/");
    expect([...root]).toEqual(["/"]);
  });

  it("are added when Remix's module starts in the browser, and only there", () => {
    const code = withPagePathsDiscovered(fs.readFileSync(fogOfWar, "utf8"));
    const start = code.indexOf("const discoveredPaths = new Set();");
    const added = code.slice(start, code.indexOf("\n", code.indexOf('typeof window !== "undefined"', start)));
    // Run the lines as the browser would, with a page at /vi/modules/m, then without a window.
    const run = (window: unknown) => new Function("window", `${added}\nreturn [...discoveredPaths];`)(window) as string[];
    expect(run({ location: { pathname: "/vi/modules/m" } })).toEqual(["/", "/vi", "/vi/modules", "/vi/modules/m"]);
    expect(run(undefined)).toEqual([]);
  });

  it("stop the build when Remix's module has changed, and leave other modules and the server's copy alone", () => {
    expect(() => withPagePathsDiscovered("const somethingElse = 1;")).toThrow(/fog-of-war\.js/);
    const plugin = pagePathsDiscoveredPlugin();
    expect(plugin.transform("x", "/app/node_modules/@remix-run/react/dist/esm/index.js")).toBeNull();
    expect(plugin.transform("x", fogOfWar, { ssr: true })).toBeNull();
    expect(plugin.transform(fs.readFileSync(fogOfWar, "utf8"), fogOfWar)?.code).toContain(
      "addPagePaths(discoveredPaths, window.location.pathname)",
    );
  });
});
