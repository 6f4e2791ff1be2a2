// End-to-end tests: Debian's chromium against the production build on 127.0.0.1:3100, served by
// scripts/e2e-server.ts on a fresh database (embedded PGlite in .data/e2e, or the PostgreSQL
// database in E2E_DATABASE_URL). The first run builds the app, hence the long webServer timeout.
import { defineConfig } from "@playwright/test";

const isCI = !!process.env.CI;
const baseURL = `http://127.0.0.1:${process.env.E2E_PORT ?? "3100"}`;

export default defineConfig({
  testDir: "e2e",
  // Every test shares one seeded database; one worker keeps tests that write data from racing
  // each other. E2E_WORKERS=2 uses both cores for suites that are safe to run side by side.
  workers: Number(process.env.E2E_WORKERS ?? 1),
  fullyParallel: false,
  forbidOnly: isCI,
  retries: isCI ? 1 : 0,
  reporter: "list",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: "test-results",
  use: {
    baseURL,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    // Explicit path: works from `npm test`, `npx playwright test` and a bare node_modules/.bin call.
    command: "node_modules/.bin/tsx scripts/e2e-server.ts",
    url: `${baseURL}/sign-in`,
    timeout: 600_000,
    reuseExistingServer: !isCI,
    stdout: "pipe",
    stderr: "pipe",
    // SIGTERM to the server's process group (then SIGKILL after 10s) instead of an immediate SIGKILL.
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
  },
});
