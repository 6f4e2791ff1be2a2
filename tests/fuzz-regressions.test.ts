// The concrete inputs that once answered 500 (found by fuzzing the running server), kept as plain
// regression cases: each must answer a specific 4xx in its route's error shape, through the proxy.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "./support/test-database";
import { makeArmWorld, type ArmWorld } from "./support/arm-world";
import { makeUsageRegistration, usageRecord } from "./support/usage-fixtures";
import { testSession } from "./support/mock-session";
import { deepJson } from "./support/fuzz-inputs";
import { throughProxy } from "./support/fuzz-harness";
import { setDatabaseForTests } from "../lib/db";
import type { Database } from "../lib/database/open-database";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
vi.mock("../lib/auth/get-scope", async () => (await import("./support/mock-session")).mockGetScopeModule());

const arm = await import("../app/api/arm/[...path]/route");
const ingest = await import("../app/api/usage/ingest/route");
const localSubscriptions = await import("../app/api/usage/local-subscriptions/route");
const recon = await import("../app/api/billing/recon/route");
const audit = await import("../app/api/audit/export/route");
const priceExport = await import("../app/api/price-list/export/route");
const { createIngestionKey } = await import("../lib/usage/ingestion-keys/manage-ingestion-keys");

const ORIGIN = "http://stackcenter.test";
let database: Database;
let world: ArmWorld;
let ingestionKey: string;

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabaseForTests(database);
  world = await makeArmWorld(database.prisma);
  const usage = await makeUsageRegistration(database.prisma, world);
  ingestionKey = (await createIngestionKey(await world.scope("direct", "ADMIN_AGENT"), { registrationId: usage.registration.id, name: "regressions" })).key;
});
afterAll(() => database.close());

const armPath = (subscription: string) =>
  `${ORIGIN}/api/arm/subscriptions/${subscription}/resourceGroups/rg/providers/Microsoft.AzureStack/registrations/x?api-version=2017-06-01`;

describe("inputs that answered 500", () => {
  it.each([
    ["a subscription id that isn't a GUID", armPath("northwind-chicago"), "GET", 400, "InvalidSubscriptionId"],
    ["a reserved word", armPath("con"), "GET", 400, "InvalidSubscriptionId"],
    ["$metadata", armPath("$metadata"), "DELETE", 400, "InvalidSubscriptionId"],
    ["Z-filled GUID shape", armPath("ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ"), "PUT", 400, "InvalidSubscriptionId"],
    ["a 1,000-character id", armPath("a".repeat(1_000)), "GET", 400, "InvalidSubscriptionId"],
    ["%zz in the path", armPath("%zz"), "GET", 400, "InvalidRequestUri"],
    ["an overlong UTF-8 form", armPath("%C0%AF"), "HEAD", 400, ""],
    ["an encoded lone surrogate", armPath("%ED%A0%80"), "PATCH", 400, "InvalidRequestUri"],
    ["a lone %", armPath("%"), "OPTIONS", 400, "InvalidRequestUri"],
  ])("ARM: %s", async (_case, url, method, status, code) => {
    const answer = await throughProxy(new Request(url, { method, headers: { authorization: `Bearer ${world.tokens.direct}` } }), arm[method as "GET"]);
    expect(answer.status).toBe(status);
    if (code) expect((JSON.parse(answer.text) as { error: { code: string } }).error.code).toBe(code);
  });

  it("NUL and broken encodings in export filters are refused before the stream starts", async () => {
    testSession.scope = await world.scope("distributor", "ADMIN_AGENT");
    for (const [url, handler] of [
      [`${ORIGIN}/api/billing/recon?period=2026-11&registration=%00`, recon.GET],
      [`${ORIGIN}/api/audit/export?actor=a%00b`, audit.GET],
      [`${ORIGIN}/api/audit/export?action=%ED%A0%80`, audit.GET],
      [`${ORIGIN}/api/price-list/export?q=%00`, priceExport.GET],
      [`${ORIGIN}/api/price-list/export?q=%zz`, priceExport.GET],
    ] as const) {
      const answer = await throughProxy(new Request(url), handler);
      expect({ url, status: answer.status }).toEqual({ url, status: 400 });
      expect(JSON.parse(answer.text)).toMatchObject({ ok: false, error: { code: "InvalidRequestUri" } });
    }
  });

  it("a local-subscriptions body with NUL text is a 400, not a database error", async () => {
    const body = JSON.stringify({ value: [{ subscriptionId: "a\u0000b", tenantId: null, isProviderSubscription: false, displayName: "x\u0000" }] });
    const request = new Request(`${ORIGIN}/api/usage/local-subscriptions`, {
      method: "PUT",
      headers: { authorization: `Bearer ${ingestionKey}`, "content-type": "application/json" },
      body,
    });
    const answer = await throughProxy(request, localSubscriptions.PUT);
    expect(answer.status).toBe(400);
  });

  it("an ingest body whose record is nested 5,000 deep stores the other records", async () => {
    const good = usageRecord({ start: "2026-11-19T03:00:00Z", subscriptionId: "tenant-sub-9" });
    const body = `{"value":[${JSON.stringify(good)},{"properties":${deepJson(5_000)}}]}`;
    const request = new Request(`${ORIGIN}/api/usage/ingest`, {
      method: "POST",
      headers: { authorization: `Bearer ${ingestionKey}`, "content-type": "application/json" },
      body,
    });
    const answer = await throughProxy(request, ingest.POST);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ accepted: 1, rejected: 1 });
  });
});
