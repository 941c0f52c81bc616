import { vitePlugin as remix } from "@remix-run/dev";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { precompressPlugin } from "./server/precompress.mjs";
import { pagePathsDiscoveredPlugin } from "./server/route-discovery.mjs";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  resolve: {
    alias: {
      "~": fileURLToPath(new URL("./app", import.meta.url)),
      "#db": fileURLToPath(new URL("./db", import.meta.url)),
    },
  },
  server: { port: 3000 },
  build: {
    target: "es2020",
    // Terser shaves ~3% more than esbuild off the bundle: it keeps the lesson page under 100 KB of JS.
    minify: "terser",
    terserOptions: { compress: { passes: 2 }, format: { comments: false } },
    // Budget of the lesson page's first load (README, performance): the small modules every page or
    // the lesson page runs at once go in one file (each extra file costs ~330 bytes of headers),
    // and dynamic imports need no preload helper (Remix preloads route modules itself).
    modulePreload: false,
    rollupOptions: {
      output: {
        manualChunks: (id: string) =>
          /\/node_modules\/(react|react-dom|scheduler|@remix-run|react-router|react-router-dom|turbo-stream|i18next)\//.test(id)
            ? "framework"
            : /\/app\/(modules|components)\/access\/(attempt-key|offline-submit|outbox|preferences|service-worker|OfflineStatus|KeptOffline|read-aloud-store|speech|ReadAloud)\.tsx?$/.test(
                  id,
                )
              ? "access"
              : // Link previews and "Chia sẻ" (issue 17), the pass mark, the error summary, the offline
                // submit button, the strings' loading and a question with its options (lesson quizzes and
                // contests): on every course page, too small for files of their own.
                /\/app\/(modules\/seo\/(meta|card)\.ts|components\/share\/ShareLink\.tsx|modules\/progress\/mastery\.ts|components\/forms\.tsx|components\/quiz\/QuestionFieldset\.tsx|components\/access\/OfflineSubmit\.tsx|i18n\/(i18n|string-files|react|config|areas)\.tsx?)$/.test(
                    id,
                  )
                ? "access"
                : undefined,
      },
    },
  },
  plugins: [
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        v3_routeConfig: true,
      },
    }),
    // Remix's route discovery counts the page's own address as discovered (decision 1NN).
    pagePathsDiscoveredPlugin(),
    precompressPlugin(),
  ],
});
