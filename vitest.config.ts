import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const alias = {
  "~": fileURLToPath(new URL("./app", import.meta.url)),
  "#db": fileURLToPath(new URL("./db", import.meta.url)),
};

// The Remix plugin is deliberately not loaded here (see STACK.md pitfall 3).
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        // Property tests run thousands of cases: room for them on a busy 2-core machine.
        test: { name: "unit", include: ["app/**/*.test.ts", "server/**/*.test.ts"], environment: "node", testTimeout: 30_000 },
      },
      {
        resolve: { alias },
        test: {
          name: "db",
          include: ["tests/db/**/*.test.ts"],
          environment: "node",
          testTimeout: 30000,
          hookTimeout: 30000,
        },
      },
    ],
  },
});
