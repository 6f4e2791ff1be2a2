// The mutation paths that are route handlers, not server actions (the audit-coverage test covers
// those): each writes an audit event. Covered elsewhere already, and listed here so the inventory
// is in one place:
//   - POST /api/price-list/import → price-list.import (tests/pricing-import.test.ts)
//   - ARM PUT registration → registration.create / .reregister / .update; PATCH → registration.tags.update
//     (tests/arm-api.test.ts); DELETE → registration.delete (tests/arm-sdk.test.ts); ARM PUT/DELETE customer
//     subscription → registration.customerSubscription.add / .replace / .remove (tests/arm-api.test.ts)
//   - POST /api/reconciliation/<period> → reconciliation.import (tests/reconciliation.test.ts; a re-import
//     of the same file changes nothing and writes none)
//   - POST /api/usage/ingest → usage.correct per batch that corrects stored usage
//     (tests/usage-ingest.test.ts); new usage is logged per batch in UsageBatch, not audited.
//   - POST /api/periods/close-due → period.autoClose, invoice.adjustment (tests/period-lifecycle.test.ts,
//     tests/invoice-corrections.test.ts)
//   - POST /api/alerts/deliver-due → no audit event: it sends due webhooks and keeps each attempt in
//     the delivery's own log (AlertDelivery), like UsageBatch for ingests (tests/alerts.test.ts)
// Tested here: PUT /api/usage/local-subscriptions (who owns a local subscription decides whose
// subscription its usage bills to).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "./support/test-database";
import { makeWorld, type World } from "./support/world";
import { makeUsageRegistration } from "./support/usage-fixtures";
import { setDatabaseForTests } from "../lib/db";
import type { Database } from "../lib/database/open-database";
import { createIngestionKey } from "../lib/usage/ingestion-keys/manage-ingestion-keys";
import { PUT as putLocalSubscriptions } from "../app/api/usage/local-subscriptions/route";

let database: Database;
let world: World;
let setup: Awaited<ReturnType<typeof makeUsageRegistration>>;
let key: { id: string; key: string };

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabaseForTests(database);
  world = await makeWorld(database.prisma);
  setup = await makeUsageRegistration(database.prisma, world);
  key = await createIngestionKey(await world.scope("direct", "ADMIN_AGENT"), { registrationId: setup.registration.id, name: "collector" });
});
afterAll(() => database.close());

const sync = (value: unknown[]) =>
  putLocalSubscriptions(
    new Request("http://x/api/usage/local-subscriptions", {
      method: "PUT",
      headers: { authorization: `Bearer ${key.key}`, "content-type": "application/json" },
      body: JSON.stringify({ value }),
    }),
  );

const syncEvents = () =>
  database.prisma.auditEvent.findMany({
    where: { action: "usage.localSubscriptions.sync", targetId: setup.registration.id },
    orderBy: { createdAt: "asc" },
  });

describe("PUT /api/usage/local-subscriptions is audited", () => {
  it("a sync that changes owners writes one event; an identical repeat writes none", async () => {
    const first = [
      { subscriptionId: "local-1", tenantId: setup.tenantId, isProviderSubscription: false },
      { subscriptionId: "provider", tenantId: null, isProviderSubscription: true },
    ];
    expect((await sync(first)).status).toBe(200);
    expect(await syncEvents()).toHaveLength(1);
    expect((await syncEvents())[0]).toMatchObject({
      actorUserId: null,
      partnerId: setup.registration.partnerId,
      targetType: "Registration",
      after: { inserted: 2, updated: 0, ingestionKeyId: key.id },
    });

    // The collector repeats the same list every run: nothing changes, nothing is written.
    expect(await (await sync(first)).json()).toEqual({ upserted: 2 });
    expect(await syncEvents()).toHaveLength(1);

    // A local subscription changes hands: audited, counted as an update.
    expect((await sync([{ ...first[0], tenantId: null }, first[1]])).status).toBe(200);
    const events = await syncEvents();
    expect(events).toHaveLength(2);
    expect(events[1].after).toMatchObject({ inserted: 0, updated: 1 });
  });

  it("a refused sync (bad body) writes no event", async () => {
    const before = (await syncEvents()).length;
    expect((await sync([{ subscriptionId: "x", tenantId: "not-a-guid" }])).status).toBe(400);
    expect(await syncEvents()).toHaveLength(before);
  });
});
