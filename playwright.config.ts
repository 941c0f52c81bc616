import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3111);
// Kept in the environment so that test workers (which load this file again) know where the
// servers' databases are (the certificate test runs the admin command on them).
const dataDir = (process.env.E2E_DATA_DIR ??= path.join(os.tmpdir(), `bdhvs-e2e-${process.pid}`));

// Debian's Chromium, never a downloaded browser. Flags from STACK.md: no background networking on
// this closed network.
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const serverEnv = {
  NODE_ENV: "production",
  HOST: "127.0.0.1",
  DATA_DIR: dataDir,
  SESSION_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e",
  LOGIN_RATE_LIMIT: "5",
  // After 5 wrong PINs each try waits this long (60 s by default): 3 s lets the lockout test reach 20
  // in under a minute and still leaves a loaded machine time to show the wait (1 s did not, in CI).
  PIN_SLOWDOWN_SECONDS: "3",
  // Every spec here comes from 127.0.0.1: per-address limits are raised so they never meet. The
  // limits themselves are tested by tests/e2e/limits.test.ts on a server of its own.
  LOGIN_ADDRESS_LIMIT: "1000",
  SIGNUP_RATE_LIMIT: "10000",
  JOIN_RATE_LIMIT: "10000",
  JOIN_CODE_LIMIT: "10000",
  VERIFY_RATE_LIMIT: "10000",
  CERT_PDF_RATE_LIMIT: "1000",
  CERT_PDF_ADDRESS_LIMIT: "10000",
  CONTEST_START_LIMIT: "10000",
};

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.test.ts",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "off",
    ...devices["Pixel 5"],
    viewport: { width: 360, height: 640 },
    browserName: "chromium",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: chromiumArgs },
  },
  // The real built app, on a throw-away SQLite database; a second one also serves the test-only
  // locale "qaa" (tests/fixtures/locale-qaa), partly translated.
  webServer: [
    {
      command: "node server/index.mjs",
      url: `http://127.0.0.1:${port}/healthz`,
      reuseExistingServer: false,
      timeout: 90_000,
      // Addresses printed and signed come from PUBLIC_URL, never from the request's Host header.
      env: { ...serverEnv, PORT: String(port), SQLITE_PATH: path.join(dataDir, "e2e.sqlite"), PUBLIC_URL: `http://127.0.0.1:${port}` },
    },
    {
      command: "node server/index.mjs",
      url: `http://127.0.0.1:${port + 1}/healthz`,
      reuseExistingServer: false,
      timeout: 90_000,
      env: {
        ...serverEnv,
        PORT: String(port + 1),
        SQLITE_PATH: path.join(dataDir, "e2e-qaa.sqlite"),
        // Link previews and canonical links must use this, whatever Host a request names (seo.test.ts).
        PUBLIC_URL: "https://hoc.example.vn",
        EXTRA_LOCALES: "qaa",
        EXTRA_LOCALES_DIR: "tests/fixtures/locale-qaa/ui",
        CONTENT_DIR: ["content", "tests/fixtures/locale-qaa/content"].join(path.delimiter),
      },
    },
  ],
});
