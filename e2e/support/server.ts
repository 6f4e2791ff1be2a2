// Shared facts about the e2e server (see playwright.config.ts and scripts/e2e-server.ts).
export const E2E_BASE_URL = `http://127.0.0.1:${process.env.E2E_PORT ?? "3100"}`;

/** "pglite" (fresh .data/e2e) or "postgres" (the E2E_DATABASE_URL database, recreated per run). */
export const E2E_DATABASE_MODE: "pglite" | "postgres" = process.env.E2E_DATABASE_URL ? "postgres" : "pglite";
