// Playwright's webServer: the production portal on 127.0.0.1:3100 against a FRESH database.
//   - default: embedded PGlite in .data/e2e, deleted first;
//   - E2E_DATABASE_URL=postgres://…/<name>: that PostgreSQL database, dropped and recreated first
//     (the name must contain "e2e" or "test", so a real database can never be wiped by mistake).
// Then runs scripts/start.ts (migrate + seed, build if needed, scripts/server.ts) with a fixed test
// secret and without .env.local, so a developer's local settings cannot leak into the tests.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const ROOT = path.resolve(import.meta.dirname, "..");
// E2E_PORT lets two suites run side by side (each on its own port and database folder).
const E2E_PORT = process.env.E2E_PORT ?? "3100";
const E2E_PGLITE_DIR = E2E_PORT === "3100" ? ".data/e2e" : `.data/e2e-${E2E_PORT}`;

async function recreatePostgresDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ""));
  if (!/^[A-Za-z0-9_]+$/.test(name) || !/(e2e|test)/i.test(name)) {
    throw new Error(`E2E_DATABASE_URL must name a throw-away database (letters, digits, _; containing "e2e" or "test"), got "${name}"`);
  }
  const maintenance = new URL(databaseUrl);
  maintenance.pathname = "/postgres";
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  console.log(`[e2e-server] recreated PostgreSQL database ${url.hostname}:${url.port || 5432}/${name}`);
}

async function main(): Promise<void> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: E2E_PORT,
    HOST: "127.0.0.1",
    NEXTAUTH_URL: `http://127.0.0.1:${E2E_PORT}`,
    NEXTAUTH_SECRET: "stackcenter-e2e-secret-not-for-production-use-000000",
    STACKCENTER_SECRET_KEY: "stackcenter-e2e-secret-key-not-for-production-use-0",
    // Collection every few seconds, so the stamp connection spec sees the schedule pull.
    STAMP_COLLECTION_INTERVAL_MINUTES: "0.05",
    // The invoices spec closes a period itself: the automatic close waits a day.
    PERIOD_CLOSE_CHECK_MINUTES: "1440",
    // Invoices are sent to the invoices spec's SMTP sink (e2e/invoices.spec.ts), on E2E_PORT + 2500.
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: String(Number(E2E_PORT) + 2500),
    SMTP_FROM: "Stackcenter invoices <invoices@stackcenter.example>",
    // The alerts spec's webhook receiver listens on plain http on this machine.
    ALERT_WEBHOOKS_ALLOW_LOCAL_HTTP: "1",
    NEXT_TELEMETRY_DISABLED: "1",
  };

  const e2eDatabaseUrl = process.env.E2E_DATABASE_URL;
  if (e2eDatabaseUrl) {
    await recreatePostgresDatabase(e2eDatabaseUrl);
    env.DATABASE_URL = e2eDatabaseUrl;
    delete env.PGLITE_DIR;
  } else {
    fs.rmSync(path.join(ROOT, E2E_PGLITE_DIR), { recursive: true, force: true });
    console.log(`[e2e-server] deleted ${E2E_PGLITE_DIR}; using a fresh embedded database there`);
    env.PGLITE_DIR = E2E_PGLITE_DIR;
    // Empty rather than unset: Next loads .env.local itself and only fills variables that are
    // undefined, so this keeps a developer's DATABASE_URL out of the e2e server.
    env.DATABASE_URL = "";
  }

  const child = spawn(path.join(ROOT, "node_modules", ".bin", process.platform === "win32" ? "tsx.cmd" : "tsx"), ["scripts/start.ts", "--no-env-file"], {
    cwd: ROOT,
    env,
    stdio: "inherit",
    shell: process.platform === "win32",
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      child.kill(signal);
    });
  }
  child.on("exit", (code, signal) => {
    process.exit(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 1) : 1));
  });
}

main().catch((error: unknown) => {
  console.error("[e2e-server] failed:", error instanceof Error ? error.message : error);
  process.exit(1);
});
