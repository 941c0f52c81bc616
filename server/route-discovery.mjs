// A build step for the browser's copy of Remix's lazy route discovery (decision 1NN).
//
// After a page loads, Remix asks /__manifest for the routes of every link the page shows, except
// paths it has "discovered" already. It never counts the page's own address as discovered, although
// the route table sent with the page (`getPartialManifest`) holds exactly what /__manifest would
// answer for that path and each of its parents (the server computes both the same way). So a lesson
// reached from its topic's page, whose breadcrumb links back to that page, cost one more request
// (761 bytes, headers included) that brought nothing the browser did not have. This step adds the page's own path and its parents to the discovered paths when the
// module starts, in the browser only. The build stops if Remix's code no longer has the line it
// follows: the step must then be looked at again, not silently skipped.

const FILE = /[\\/]@remix-run[\\/]react[\\/]dist[\\/]esm[\\/]fog-of-war\.js$/;
const ANCHOR = "const discoveredPaths = new Set();";

/**
 * The page's path and each of its parents ("/vi/modules/m" → "/", "/vi", "/vi/modules",
 * "/vi/modules/m"): the paths whose routes came with the page. Runs in the browser as written
 * (its source is inserted into Remix's module), so it uses nothing from outside.
 * @param {Set<string>} discovered
 * @param {string} pathname
 */
export function addPagePaths(discovered, pathname) {
  const segments = pathname.split("/").filter(Boolean);
  discovered.add("/");
  for (let i = 1; i <= segments.length; i++) discovered.add(`/${segments.slice(0, i).join("/")}`);
  if (pathname !== "/" && pathname.endsWith("/")) discovered.add(pathname);
}

/**
 * Remix's fog-of-war module with the page's own paths added to its discovered paths.
 * @param {string} code
 * @returns {string}
 */
export function withPagePathsDiscovered(code) {
  if (!code.includes(ANCHOR)) {
    throw new Error(
      `server/route-discovery.mjs: "${ANCHOR}" is no longer in @remix-run/react's fog-of-war.js; look at the step again (decision 1NN)`,
    );
  }
  return code.replace(
    ANCHOR,
    `${ANCHOR}\n// Added by binh-dan-hoc-vu-so (server/route-discovery.mjs): the page's own paths came with it.\n${addPagePaths.toString()}\nif (typeof window !== "undefined" && window.location) addPagePaths(discoveredPaths, window.location.pathname);`,
  );
}

/** The Vite plugin: the client build's copy of the module only (the server's never discovers). */
export function pagePathsDiscoveredPlugin() {
  return {
    name: "bdhvs-page-paths-discovered",
    /** @param {string} code @param {string} id @param {{ ssr?: boolean }} [options] */
    transform(code, id, options) {
      if (options?.ssr || !FILE.test(id.split("?")[0] ?? "")) return null;
      return { code: withPagePathsDiscovered(code), map: null };
    },
  };
}
