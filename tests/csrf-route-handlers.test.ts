// CSRF: every route handler that changes state on the strength of the session cookie checks Origin
// itself (proxy.ts checks again in front). Bearer-token routes are exempt: a cross-site page can't
// make the browser attach a token.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "./support/test-database";
import { makeWorld, type World } from "./support/world";
import { testSession } from "./support/mock-session";
import { setDatabaseForTests } from "../lib/db";
import { syntheticPriceListCsv } from "../lib/pricing/synthetic-price-list";
import type { Database } from "../lib/database/open-database";

vi.mock("../lib/auth/get-scope", async () => (await import("./support/mock-session")).mockGetScopeModule());
const { POST: importPriceList } = await import("../app/api/price-list/import/route");

const ORIGIN = "http://portal.test";
let database: Database;
let world: World;

beforeAll(async () => {
  vi.stubEnv("NEXTAUTH_URL", ORIGIN);
  database = await createTestDatabase();
  setDatabaseForTests(database);
  world = await makeWorld(database.prisma);
  testSession.scope = await world.operatorScope();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await database.close();
});

async function csv(rows: number): Promise<string> {
  let text = "";
  for await (const chunk of syntheticPriceListCsv({ rows, meterPrefix: "c5ef" })) text += chunk;
  return text;
}

describe("POST /api/price-list/import", () => {
  const post = async (headers: Record<string, string>) =>
    importPriceList(
      new Request(`${ORIGIN}/api/price-list/import?effectiveFrom=2026-09-01&fileName=csrf.csv`, {
        method: "POST",
        headers: { "content-type": "text/plain", ...headers },
        body: await csv(3),
      }),
    );

  it("refuses an operator's cookie from a foreign page, or with no Origin: 403, nothing imported", async () => {
    for (const headers of [{ origin: "https://evil.example" }, {} as Record<string, string>, { origin: "null" }, { origin: "http://portal.test:8080" }]) {
      const response = await post(headers);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: "Forbidden" } });
    }
    expect(await database.prisma.priceListVersion.count()).toBe(0);
    expect(await database.prisma.auditEvent.count({ where: { action: "price-list.import" } })).toBe(0);
  });

  it("imports from the portal's own page", async () => {
    const response = await post({ origin: ORIGIN });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, data: { rowCount: 3 } });
    expect(await database.prisma.priceListVersion.count()).toBe(1);
  });
});

/** app/api route files, relative to the repository. */
async function routeFiles(dir = "app/api"): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await routeFiles(full)));
    else if (entry.name === "route.ts") files.push(full);
  }
  return files;
}

// State-changing routes that take no session cookie: ARM (API token), usage (ingestion key), the
// stamp collection, period close and alert webhook triggers (the portal's own trigger tokens), and next-auth (its own CSRF token
// on sign-in and sign-out, and proxy.ts's Origin check).
const TOKEN_OR_FRAMEWORK_ROUTES = [
  /^app\/api\/arm\//,
  /^app\/api\/usage\//,
  /^app\/api\/stamps\/collect\//,
  /^app\/api\/periods\/close-due\//,
  /^app\/api\/alerts\/deliver-due\//,
  /^app\/api\/auth\//,
];

describe("every cookie-authenticated state-changing route handler checks Origin", () => {
  it("no route changes state on a cookie without assertSameOrigin", async () => {
    const unchecked: string[] = [];
    for (const file of await routeFiles()) {
      const source = await readFile(file, "utf8");
      const changesState = /export\s+(async\s+)?function\s+(POST|PUT|PATCH|DELETE)\b|export\s*\{[^}]*\b(POST|PUT|PATCH|DELETE)\b/.test(source);
      if (!changesState || TOKEN_OR_FRAMEWORK_ROUTES.some((pattern) => pattern.test(file))) continue;
      if (!source.includes("assertSameOrigin(request)")) unchecked.push(file);
    }
    expect(unchecked).toEqual([]);
  });
});
