// Daily records (docs/usage-ingest.md "Daily records"): a Daily batch's midnight-aligned 24-hour
// records are that day's usage; a series-day is hourly or daily, never both (MixedGranularity).
import Decimal from "decimal.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "./support/test-database";
import { makeWorld } from "./support/world";
import { COMMERCE, makePriceList, makeUsageRegistration, usageRecord } from "./support/usage-fixtures";
import { setDatabaseForTests } from "../lib/db";
import type { Database } from "../lib/database/open-database";
import { unsafeIngestUsageBatch } from "../lib/usage/unsafe-ingest-usage-batch";
import { unsafeSyncLocalSubscriptions } from "../lib/usage/unsafe-sync-local-subscriptions";
import { readUsageGranularity } from "../lib/usage/read-usage-granularity";

let database: Database;
let setup: Awaited<ReturnType<typeof makeUsageRegistration>>;
const NOW = new Date("2026-11-20T12:00:00Z");
const VM_PRICE = "0.008";
const daily = { now: NOW, granularity: "Daily" as const };
const hourly = { now: NOW };

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabaseForTests(database);
  const world = await makeWorld(database.prisma);
  setup = await makeUsageRegistration(database.prisma, world);
  await makePriceList(database.prisma, { market: "US", currency: "USD", effectiveFrom: "2026-01-01", prices: { [COMMERCE.vm]: VM_PRICE } });
  await unsafeSyncLocalSubscriptions(setup.registration.id, {
    value: [{ subscriptionId: "tenant-sub-1", tenantId: setup.tenantId, isProviderSubscription: false, displayName: "Tenant" }],
  });
});
afterAll(() => database.close());

const dayOf = (resourceUri: string, start: string, quantity: number) => usageRecord({ start, hours: 24, quantity, resourceUri });
const hourOf = (resourceUri: string, start: string, quantity: number) => usageRecord({ start, quantity, resourceUri });
const ratedLine = (resourceUri: string) =>
  database.prisma.ratedUsageLine.findMany({
    where: { registrationId: setup.registration.id, resourceUri },
    select: { quantity: true, pretaxAmount: true, eventDate: true },
  });
const rejectionCodes = (result: { rejections: { index: number; code: string }[] }) => result.rejections.map((r) => [r.index, r.code]);

describe("Daily records", () => {
  it("an Hourly batch refuses a daily record, naming the Daily batch", async () => {
    const result = await unsafeIngestUsageBatch(setup.registration.id, [dayOf("/daily/a", "2026-11-10T00:00:00Z", 24)], hourly);
    expect(result).toMatchObject({ accepted: 0, rejected: 1 });
    expect(result.rejections[0]).toMatchObject({ code: "InvalidTimeRange", reason: expect.stringContaining("granularity Daily") });
  });

  it("a Daily batch stores a midnight-aligned day as that day's usage, rated once", async () => {
    const result = await unsafeIngestUsageBatch(setup.registration.id, [dayOf("/daily/a", "2026-11-10T00:00:00Z", 24)], daily);
    expect(result).toMatchObject({ accepted: 1, duplicate: 0, rejected: 0 });
    const rows = await database.prisma.usageRecord.findMany({
      where: { batchId: result.batchId },
      select: { usageStart: true, usageEnd: true, quantity: true },
    });
    expect(rows.map((row) => [row.usageStart.toISOString(), row.usageEnd.toISOString(), row.quantity.toString()])).toEqual([
      ["2026-11-10T00:00:00.000Z", "2026-11-11T00:00:00.000Z", "24"],
    ]);
    const [line] = await ratedLine("/daily/a");
    expect(line.quantity.toString()).toBe("24");
    expect(line.pretaxAmount?.toString()).toBe(new Decimal(VM_PRICE).times(24).toString());
    expect(line.eventDate).toEqual(new Date("2026-11-10T00:00:00Z"));
    const registration = await database.prisma.registration.findUniqueOrThrow({ where: { id: setup.registration.id }, select: { hasDailyUsage: true } });
    expect(registration.hasDailyUsage).toBe(true);
  });

  it("a replayed day is a duplicate; another quantity corrects it", async () => {
    const replay = await unsafeIngestUsageBatch(setup.registration.id, [dayOf("/daily/a", "2026-11-10T00:00:00Z", 24)], daily);
    expect(replay).toMatchObject({ accepted: 0, duplicate: 1, corrected: 0 });
    const correction = await unsafeIngestUsageBatch(setup.registration.id, [dayOf("/daily/a", "2026-11-10T00:00:00Z", 20)], daily);
    expect(correction).toMatchObject({ accepted: 0, corrected: 1 });
    const [line] = await ratedLine("/daily/a");
    expect(line.quantity.toString()).toBe("20");
  });

  it("a Daily batch refuses hourly records and days not starting at 00:00Z", async () => {
    const result = await unsafeIngestUsageBatch(
      setup.registration.id,
      [hourOf("/daily/b", "2026-11-11T03:00:00Z", 1), usageRecord({ start: "2026-11-11T01:00:00Z", hours: 24, resourceUri: "/daily/b" })],
      daily,
    );
    expect(rejectionCodes(result)).toEqual([
      [0, "InvalidTimeRange"],
      [1, "InvalidTimeRange"],
    ]);
  });

  it("an hourly record of a series-day held daily is refused as MixedGranularity; other days still land", async () => {
    const result = await unsafeIngestUsageBatch(
      setup.registration.id,
      [hourOf("/daily/a", "2026-11-10T05:00:00Z", 1), hourOf("/daily/a", "2026-11-12T05:00:00Z", 1), hourOf("/daily/a", "2026-11-10T00:00:00Z", 1)],
      hourly,
    );
    expect(result).toMatchObject({ accepted: 1, rejected: 2 });
    expect(rejectionCodes(result)).toEqual([
      [0, "MixedGranularity"],
      [2, "MixedGranularity"],
    ]);
    expect(result.rejections[0].reason).toContain("a daily record for 2026-11-10");
    const lines = await ratedLine("/daily/a");
    expect(lines.map((line) => [line.eventDate.toISOString().slice(0, 10), line.quantity.toString()]).sort()).toEqual([
      ["2026-11-10", "20"],
      ["2026-11-12", "1"],
    ]);
    const stored = await database.prisma.usageRecord.count({ where: { registrationId: setup.registration.id, resourceUri: "/daily/a" } });
    expect(stored).toBe(2);
    const logged = await database.prisma.usageRejection.count({ where: { batchId: result.batchId, code: "MixedGranularity" } });
    expect(logged).toBe(2);
  });

  it("a daily record of a series-day held hourly is refused; another resource's day is accepted", async () => {
    const result = await unsafeIngestUsageBatch(
      setup.registration.id,
      [dayOf("/daily/a", "2026-11-12T00:00:00Z", 24), dayOf("/daily/c", "2026-11-12T00:00:00Z", 24)],
      daily,
    );
    expect(result).toMatchObject({ accepted: 1, rejected: 1 });
    expect(result.rejections[0]).toMatchObject({ index: 0, code: "MixedGranularity", reason: expect.stringContaining("hourly records for 2026-11-12") });
    expect((await ratedLine("/daily/a")).find((line) => line.eventDate.toISOString().startsWith("2026-11-12"))?.quantity.toString()).toBe("1");
    expect((await ratedLine("/daily/c"))[0].quantity.toString()).toBe("24");
  });
});

describe("readUsageGranularity", () => {
  it("reads the usage API's aggregationGranularity, case-insensitively, Hourly by default", () => {
    expect(readUsageGranularity("http://x/api/usage/ingest")).toBe("Hourly");
    expect(readUsageGranularity("http://x/api/usage/ingest?aggregationGranularity=daily")).toBe("Daily");
    expect(() => readUsageGranularity("http://x/api/usage/ingest?aggregationGranularity=Weekly")).toThrow(/Hourly or Daily/);
  });
});
