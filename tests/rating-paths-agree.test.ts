// The rating rule lives in three places: Node's per-batch sums (ingest/domain/rated-line-accumulator.ts, the
// fresh path), the SQL statements of the replay/correction path (rate-usage.ts), and the rollup
// triggers (RatedUsageDaily/Monthly). A randomised property: for any sequence of batches (new
// usage, replays, corrections, overlaps, late records that are re-dated, tags that change between
// hours), the rated lines (with their first original hour and latest tags) and
// both rollups equal a full rebuild of the same days from the raw records (RATE_DAYS_SQL), on
// whichever database the suite runs on.
import Decimal from "decimal.js";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "./support/test-database";
import { makeWorld, type World } from "./support/world";
import { COMMERCE, makePriceList, makeUsageRegistration, METERS, usageRecord } from "./support/usage-fixtures";
import { setDatabaseForTests } from "../lib/db";
import type { Database } from "../lib/database/open-database";
import { unsafeIngestUsageBatch } from "../lib/usage/unsafe-ingest-usage-batch";
import { unsafeSyncLocalSubscriptions } from "../lib/usage/unsafe-sync-local-subscriptions";
import { unsafeRateUsageDays } from "../lib/usage/rate-usage";

let database: Database;
let world: World;
const NOW = new Date("2026-11-20T12:00:00Z");
/** Hours from four days back (late: re-dated past the 48-hour day close) to the last full hour. */
const HOURS = Array.from({ length: 24 * 4 }, (_, index) => new Date(NOW.getTime() - (index + 1) * 3_600_000).toISOString());

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabaseForTests(database);
  world = await makeWorld(database.prisma);
  await makePriceList(database.prisma, {
    market: "US",
    currency: "USD",
    effectiveFrom: "2026-01-01",
    prices: { [COMMERCE.vm]: "0.008", [COMMERCE.vmAdmin]: "0.009", [COMMERCE.windowsVm]: "0.046", [COMMERCE.blockBlob]: "0.006" },
  });
});
afterAll(() => database.close());

const record = fc.record({
  start: fc.constantFrom(...HOURS),
  subscriptionId: fc.constantFrom("tenant-sub-1", "provider-sub", "unknown-sub"),
  meterId: fc.constantFrom(METERS.baseVm, METERS.windowsVm, METERS.blockBlob, METERS.staticIp),
  resourceUri: fc.constantFrom("/vm/a", "/vm/b", "/disk/c"),
  quantity: fc.constantFrom(0, 1, 2, 0.5, 3.25, 24, 1e-7, 123.456789),
  // The resource's tags as the stamp reports them (they can change between hours, or be absent).
  tags: fc.constantFrom(null, { env: "test" }, { env: "prod", owner: "ops" }, { b: "1", a: "2" }),
});
/** Batches; each may be a replay of an earlier one, or that one with other quantities (a correction). */
const batches = fc.array(
  fc.oneof(
    { weight: 3, arbitrary: fc.array(record, { minLength: 1, maxLength: 30 }).map((records) => ({ kind: "new" as const, records })) },
    { weight: 1, arbitrary: fc.nat(5).map((of) => ({ kind: "replay" as const, of })) },
    { weight: 1, arbitrary: fc.tuple(fc.nat(5), fc.constantFrom(0, 0.25, 7)).map(([of, quantity]) => ({ kind: "correct" as const, of, quantity })) },
  ),
  { minLength: 1, maxLength: 5 },
);

async function snapshot(registrationId: string) {
  const lines = await database.prisma.ratedUsageLine.findMany({ where: { registrationId } });
  const daily = await database.prisma.ratedUsageDaily.findMany({ where: { registrationId } });
  const monthly = await database.prisma.ratedUsageMonthly.findMany({ where: { registrationId } });
  const dec = (value: { toString(): string } | null) => (value === null ? "null" : new Decimal(value.toString()).toFixed(10));
  return {
    lines: lines
      .map((l) =>
        [
          l.azureSubscriptionId,
          l.commerceMeterId,
          l.resourceUri,
          l.usageDate.toISOString(),
          l.eventDate.toISOString(),
          l.localSubscriptionId,
          l.eventStart?.toISOString(),
          JSON.stringify(l.tags),
          l.tagsAt?.toISOString(),
          dec(l.quantity),
          dec(l.unitPrice),
          dec(l.pretaxAmount),
        ].join("|"),
      )
      .sort(),
    daily: daily
      .filter((row) => row.lines > 0)
      .map((row) =>
        [
          row.azureSubscriptionId,
          row.usageDate.toISOString(),
          row.commerceMeterId,
          row.localMeterId,
          row.localSubscriptionId,
          row.unregisteredTenant,
          row.currency,
          dec(row.total),
          dec(row.quantity),
          row.lines,
        ].join("|"),
      )
      .sort(),
    monthly: monthly
      .filter((row) => row.lines > 0)
      .map((row) =>
        [row.period.toISOString(), row.azureSubscriptionId, row.localSubscriptionId, row.unregisteredTenant, row.currency, dec(row.total), row.lines].join("|"),
      )
      .sort(),
  };
}

describe("the rating paths agree", () => {
  it("incremental rating (Node sums, SQL replay/correction, rollup triggers) equals a rebuild from the raw records", async () => {
    await fc.assert(
      fc.asyncProperty(batches, async (plan) => {
        const setup = await makeUsageRegistration(database.prisma, world);
        await unsafeSyncLocalSubscriptions(setup.registration.id, {
          value: [
            { subscriptionId: "tenant-sub-1", tenantId: setup.tenantId, isProviderSubscription: false, displayName: "Tenant" },
            { subscriptionId: "provider-sub", tenantId: null, isProviderSubscription: true, displayName: "Provider" },
          ],
        });
        const sent: ReturnType<typeof usageRecord>[][] = [];
        for (const step of plan) {
          let batch: ReturnType<typeof usageRecord>[];
          if (step.kind === "new")
            batch = step.records.map(({ tags, ...r }) =>
              usageRecord({
                ...r,
                instanceData: JSON.stringify({ "Microsoft.Resources": { resourceUri: r.resourceUri, location: "local", tags, additionalInfo: null } }),
              }),
            );
          else {
            const earlier = sent[step.of % Math.max(sent.length, 1)] ?? [];
            batch = step.kind === "replay" ? earlier : earlier.map((r) => ({ ...r, properties: { ...r.properties, quantity: step.quantity } }));
          }
          if (batch.length === 0) continue;
          await unsafeIngestUsageBatch(setup.registration.id, batch, { now: NOW, dayCloseHours: 48 });
          sent.push(batch);
        }
        const incremental = await snapshot(setup.registration.id);
        const days = [...new Set(incremental.lines.map((line) => line.split("|")[3].slice(0, 10)))];
        await unsafeRateUsageDays(database.sql, setup.registration.id, days);
        expect(await snapshot(setup.registration.id)).toEqual(incremental);
      }),
      { numRuns: 60, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: false, endOnFailure: true },
    );
  });
});
