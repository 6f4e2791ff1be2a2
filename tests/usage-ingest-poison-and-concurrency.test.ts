// A bad record never stalls a stamp's usage: records nested thousands deep or with ids too long
// for an index are refused one by one with their own code while the rest of the batch is stored.
// Collectors posting overlapping batches at once (in different orders, and replays) all succeed,
// and the stored totals equal one sequential ingest (on PostgreSQL the batches really overlap).
import Decimal from "decimal.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "./support/test-database";
import { makeWorld, type World } from "./support/world";
import { makeUsageRegistration, usageRecord } from "./support/usage-fixtures";
import { setDatabaseForTests } from "../lib/db";
import type { Database } from "../lib/database/open-database";
import { unsafeIngestUsageBatch } from "../lib/usage/unsafe-ingest-usage-batch";
import { unsafeSyncLocalSubscriptions } from "../lib/usage/unsafe-sync-local-subscriptions";
import { USAGE_FIELD_LIMITS } from "../lib/usage/ingest/domain/parse-usage-record";

let database: Database;
let world: World;
let setup: Awaited<ReturnType<typeof makeUsageRegistration>>;
const NOW = new Date("2026-11-20T12:00:00Z");

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabaseForTests(database);
  world = await makeWorld(database.prisma);
  setup = await makeUsageRegistration(database.prisma, world);
  await unsafeSyncLocalSubscriptions(setup.registration.id, {
    value: [{ subscriptionId: "tenant-sub-1", tenantId: setup.tenantId, isProviderSubscription: false, displayName: "Tenant" }],
  });
});
afterAll(() => database.close());

const deeplyNested = (depth: number) => `${"[".repeat(depth)}1${"]".repeat(depth)}`;

describe("poison records", () => {
  it("refuses each with its own code and stores the rest of the batch, every time it is retried", async () => {
    const start = "2026-11-19T01:00:00Z";
    const good = usageRecord({ start, resourceUri: "/subscriptions/tenant-sub-1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/good" });
    const poison = [
      // Written by hand: JSON.stringify itself overflows the stack on such a value.
      usageRecord({ start, instanceData: `{"Microsoft.Resources":{"resourceUri":"/deep","additionalInfo":${deeplyNested(5_000)}}}` }),
      usageRecord({ start, resourceUri: `/subscriptions/x/${"r".repeat(2_700)}` }),
      usageRecord({ start, subscriptionId: "s".repeat(2_700) }),
      usageRecord({ start, resourceUri: `/subscriptions/x/${"é".repeat(1_100)}` }),
      usageRecord({ start, instanceData: JSON.stringify({ "Microsoft.Resources": { resourceUri: "/big", additionalInfo: "x".repeat(70_000) } }) }),
      // A record whose properties are nested thousands deep: refused, and still logged.
      { properties: { ...usageRecord({ start }).properties, meterId: JSON.parse(deeplyNested(5_000)) as unknown } },
    ];
    for (let attempt = 0; attempt < 2; attempt++) {
      const result = await unsafeIngestUsageBatch(setup.registration.id, [good, ...poison], { now: NOW });
      expect(result).toMatchObject({ accepted: attempt === 0 ? 1 : 0, duplicate: attempt === 0 ? 0 : 1, rejected: poison.length });
      expect(result.rejections.map((rejection) => [rejection.index, rejection.code])).toEqual([
        [1, "MalformedInstanceData"],
        [2, "ValueTooLong"],
        [3, "ValueTooLong"],
        [4, "ValueTooLong"],
        [5, "ValueTooLong"],
        [6, "UnknownMeter"],
      ]);
      expect(result.rejections[0].reason).toContain(`deeper than ${USAGE_FIELD_LIMITS.instanceDataDepth} levels`);
      expect(result.rejections[2].reason).toContain(`${USAGE_FIELD_LIMITS.localSubscriptionIdBytes} bytes`);
    }
    const stored = await database.prisma.usageRejection.count({ where: { registrationId: setup.registration.id } });
    expect(stored).toBe(2 * poison.length);
  });
});

describe("concurrent collectors", () => {
  it("answers every overlapping batch, in any order and replayed, and stores what one sequential ingest would", async () => {
    const hours = Array.from({ length: 24 }, (_, hour) => new Date(Date.UTC(2026, 10, 18, hour)).toISOString());
    const vms = Array.from({ length: 60 }, (_, index) => `/subscriptions/tenant-sub-1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/c${index}`);
    const all = hours.flatMap((start) => vms.map((resourceUri, index) => usageRecord({ start, resourceUri, quantity: (index % 6) + 1 })));
    // Eight collectors: overlapping two-thirds, forwards and backwards, and full replays.
    const third = all.length / 3;
    const batches = Array.from({ length: 8 }, (_, index) => {
      const slice = index % 4 === 3 ? all : all.slice((index % 2) * third, (index % 2) * third + 2 * third);
      return index % 2 === 0 ? slice : [...slice].reverse();
    });
    const results = await Promise.all(batches.map((batch) => unsafeIngestUsageBatch(setup.registration.id, batch, { now: NOW })));
    for (const result of results) expect(result.rejected).toBe(0);
    expect(results.reduce((sum, result) => sum + result.accepted, 0)).toBe(all.length);

    const rows = await database.prisma.usageRecord.findMany({
      where: { registrationId: setup.registration.id, resourceUri: { in: vms } },
      select: { quantity: true },
    });
    expect(rows).toHaveLength(all.length);
    const total = rows.reduce((sum, row) => sum.plus(row.quantity.toString()), new Decimal(0));
    expect(total.toString()).toBe(String(24 * 10 * (1 + 2 + 3 + 4 + 5 + 6)));
    const rated = await database.prisma.ratedUsageLine.findMany({
      where: { registrationId: setup.registration.id, resourceUri: { in: vms } },
      select: { quantity: true },
    });
    const ratedTotal = rated.reduce((sum, line) => sum.plus(line.quantity.toString()), new Decimal(0));
    expect(ratedTotal.toString()).toBe(String(24 * 10 * (1 + 2 + 3 + 4 + 5 + 6)));
  });
});
