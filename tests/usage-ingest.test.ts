import { randomUUID } from "node:crypto";
import Decimal from "decimal.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "./support/test-database";
import { makeWorld, type World } from "./support/world";
import { COMMERCE, makePriceList, makeUsageRegistration, METERS, usageRecord } from "./support/usage-fixtures";
import { setDatabaseForTests } from "../lib/db";
import type { Database } from "../lib/database/open-database";
import { unsafeIngestUsageBatch } from "../lib/usage/unsafe-ingest-usage-batch";
import { unsafeSyncLocalSubscriptions } from "../lib/usage/unsafe-sync-local-subscriptions";
import { purgeUsageRecords } from "../lib/usage/purge-usage-records";
import { unsafeRateUsageDays } from "../lib/usage/rate-usage";

let database: Database;
let world: World;
let setup: Awaited<ReturnType<typeof makeUsageRegistration>>;
const NOW = new Date("2026-11-20T12:00:00Z");
const VM_PRICE = "0.008";
const VM_ADMIN_PRICE = "0.009";
const BLOB_PRICE = "0.006";

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabaseForTests(database);
  world = await makeWorld(database.prisma);
  setup = await makeUsageRegistration(database.prisma, world);
  await makePriceList(database.prisma, {
    market: "US",
    currency: "USD",
    effectiveFrom: "2026-01-01",
    prices: { [COMMERCE.vm]: VM_PRICE, [COMMERCE.vmAdmin]: VM_ADMIN_PRICE, [COMMERCE.blockBlob]: BLOB_PRICE },
  });
  await unsafeSyncLocalSubscriptions(setup.registration.id, {
    value: [
      { subscriptionId: "tenant-sub-1", tenantId: setup.tenantId, isProviderSubscription: false, displayName: "Tenant" },
      { subscriptionId: "provider-sub", tenantId: null, isProviderSubscription: true, displayName: "Default Provider Subscription" },
      { subscriptionId: "orphan-sub", tenantId: randomUUID(), isProviderSubscription: false, displayName: null },
    ],
  });
});
afterAll(() => database.close());

const records = (registrationId: string) =>
  database.prisma.usageRecord.findMany({ where: { registrationId }, orderBy: [{ usageStart: "asc" }, { localSubscriptionId: "asc" }] });

describe("unsafeIngestUsageBatch: gateway mapping", () => {
  it("maps tenant, provider, unregistered-tenant and unknown local subscriptions", async () => {
    const start = "2026-11-20T05:00:00Z";
    const result = await unsafeIngestUsageBatch(
      setup.registration.id,
      [
        usageRecord({ subscriptionId: "tenant-sub-1", start }),
        usageRecord({ subscriptionId: "PROVIDER-SUB", start }),
        usageRecord({ subscriptionId: "orphan-sub", start }),
        usageRecord({ subscriptionId: "never-reported", start }),
        usageRecord({ subscriptionId: "tenant-sub-1", start, meterId: METERS.staticIp }),
      ],
      { now: NOW },
    );
    expect(result).toMatchObject({ accepted: 5, duplicate: 0, corrected: 0, rejected: 0 });
    const rows = await database.prisma.usageRecord.findMany({ where: { batchId: result.batchId } });
    const bySub = (sub: string, meter = "fab6eb84-500b-4a09-a8ca-7358f8bbaea5") => rows.find((r) => r.localSubscriptionId === sub && r.localMeterId === meter);
    expect(bySub("tenant-sub-1")).toMatchObject({
      azureSubscriptionId: setup.customerSubscriptionId,
      mappedTenantId: setup.tenantId,
      unregisteredTenant: false,
      providerUsage: false,
      commerceMeterId: COMMERCE.vm,
    });
    expect(bySub("provider-sub")).toMatchObject({
      azureSubscriptionId: setup.defaultSubscriptionId,
      providerUsage: true,
      unregisteredTenant: false,
      commerceMeterId: COMMERCE.vmAdmin,
    });
    expect(bySub("orphan-sub")).toMatchObject({
      azureSubscriptionId: setup.defaultSubscriptionId,
      unregisteredTenant: true,
      mappedTenantId: null,
      commerceMeterId: COMMERCE.vm,
    });
    expect(bySub("never-reported")).toMatchObject({ azureSubscriptionId: setup.defaultSubscriptionId, unregisteredTenant: true });
    // Not billed by Microsoft: stored for chargeback, no commerce meter, no rated line.
    const staticIp = bySub("tenant-sub-1", "f271a8a3-88c4-4d93-956a-063e1d2fa80b");
    expect(staticIp).toMatchObject({ commerceMeterId: null, commerceQuantity: null });
    expect(
      await database.prisma.ratedUsageLine.count({ where: { registrationId: setup.registration.id, localMeterId: "f271a8a3-88c4-4d93-956a-063e1d2fa80b" } }),
    ).toBe(0);
  });

  it("converts GB-hours to GB-months by the days of the usage month", async () => {
    const result = await unsafeIngestUsageBatch(
      setup.registration.id,
      [usageRecord({ start: "2026-11-19T03:00:00Z", meterId: METERS.blockBlob, quantity: 720, resourceUri: "/blob/1" })],
      { now: NOW },
    );
    const row = await database.prisma.usageRecord.findFirstOrThrow({ where: { batchId: result.batchId } });
    expect(row.commerceMeterId).toBe(COMMERCE.blockBlob);
    expect(new Decimal(row.commerceQuantity!.toString()).toString()).toBe("1"); // November: 30 days × 24 h
  });
});

describe("unsafeIngestUsageBatch: rejections", () => {
  it("rejects each bad record with its index and code, and stores the good ones", async () => {
    const start = "2026-11-20T06:00:00Z";
    const batch = [
      usageRecord({ start, resourceUri: "/good/1" }),
      usageRecord({ start, meterId: "00000000-0000-0000-0000-000000000001" }),
      usageRecord({ start: "2026-11-20T06:30:00Z" }),
      usageRecord({ start, hours: 2 }),
      usageRecord({ start: "2026-11-20T13:00:00Z" }),
      usageRecord({ start, quantity: -1 }),
      usageRecord({ start, instanceData: { "Microsoft.Resources": { resourceUri: "/x" } } }),
      usageRecord({ start, instanceData: "{not json" }),
      { properties: { subscriptionId: "tenant-sub-1" } },
      "garbage",
      usageRecord({ start, resourceUri: "/dup", quantity: 1 }),
      usageRecord({ start, resourceUri: "/dup", quantity: 3 }),
      usageRecord({ start, hours: 0 }),
    ];
    const result = await unsafeIngestUsageBatch(setup.registration.id, batch, { now: NOW });
    expect(result.accepted).toBe(2);
    expect(result.rejected).toBe(11);
    expect(result.rejections.map((r) => [r.index, r.code])).toEqual([
      [1, "UnknownMeter"],
      [2, "InvalidTimeRange"],
      [3, "InvalidTimeRange"],
      [4, "FutureUsage"],
      [5, "NegativeQuantity"],
      [6, "MalformedInstanceData"],
      [7, "MalformedInstanceData"],
      [8, "MissingProperty"],
      [9, "MissingProperty"],
      [10, "DuplicateInBatch"],
      [12, "InvalidTimeRange"],
    ]);
    const dup = await database.prisma.usageRecord.findFirstOrThrow({ where: { registrationId: setup.registration.id, resourceUri: "/dup" } });
    expect(dup.quantity.toString()).toBe("3"); // later wins
    const logged = await database.prisma.usageRejection.findMany({ where: { batchId: result.batchId }, orderBy: { recordIndex: "asc" } });
    expect(logged.map((r) => r.code)).toEqual(result.rejections.map((r) => r.code));
    expect(logged[0].record).toMatchObject({ properties: { meterId: "00000000-0000-0000-0000-000000000001" } });
    const batchRow = await database.prisma.usageBatch.findUniqueOrThrow({ where: { id: result.batchId } });
    expect(batchRow).toMatchObject({ recordCount: 13, accepted: 2, rejected: 11 });
  });

  it("refuses an absurd quantity with its index instead of failing the batch in the database", async () => {
    const start = "2026-11-20T07:00:00Z";
    const batch = [
      usageRecord({ start, resourceUri: "/quantity/ok", quantity: 999_999_999_999_999 }),
      usageRecord({ start, resourceUri: "/quantity/1e15", quantity: 1e15 }),
      usageRecord({ start, resourceUri: "/quantity/1e300", quantity: 1e300 }),
      usageRecord({ start, resourceUri: "/quantity/text", quantity: "1e18" }),
      usageRecord({ start, resourceUri: "/quantity/tiny", quantity: "1e-1073741823" }),
      usageRecord({ start, resourceUri: "/quantity/long", quantity: `0.${"0".repeat(20_000)}1` }),
    ];
    const result = await unsafeIngestUsageBatch(setup.registration.id, batch, { now: NOW });
    expect(result.accepted).toBe(1);
    expect(result.rejections.map((r) => [r.index, r.code])).toEqual([
      [1, "QuantityOutOfRange"],
      [2, "QuantityOutOfRange"],
      [3, "QuantityOutOfRange"],
      [4, "QuantityOutOfRange"],
      [5, "QuantityOutOfRange"],
    ]);
  });

  it("refuses text the database can't store (NUL, unpaired surrogates) per record and still logs it", async () => {
    const start = "2026-11-20T08:00:00Z";
    const loneSurrogateTags = JSON.stringify({ "Microsoft.Resources": { resourceUri: "/surrogate", tags: { owner: "\ud800" } } });
    const batch = [
      usageRecord({ start, resourceUri: "/text/ok" }),
      usageRecord({ start, resourceUri: "/text/nul-meter", meterId: "\u0000" }),
      usageRecord({ start, instanceData: loneSurrogateTags }),
      // A rejected record whose capped preview would end in half an emoji.
      { ...usageRecord({ start, resourceUri: "/text/emoji", quantity: -1 }), padding: `${"x".repeat(4_000)}${"😀".repeat(200)}` },
    ];
    const result = await unsafeIngestUsageBatch(setup.registration.id, batch, { now: NOW });
    expect(result.accepted).toBe(1);
    expect(result.rejections.map((r) => [r.index, r.code])).toEqual([
      [1, "UnknownMeter"],
      [2, "MalformedInstanceData"],
      [3, "NegativeQuantity"],
    ]);
    expect(await database.prisma.usageRejection.count({ where: { batchId: result.batchId } })).toBe(3);
  });

  it("caps the stored payload of huge rejected records", async () => {
    const huge = { ...usageRecord({ start: "2026-11-20T07:00:00Z", quantity: -5 }), padding: "x".repeat(20_000) };
    const result = await unsafeIngestUsageBatch(setup.registration.id, [huge], { now: NOW });
    const logged = await database.prisma.usageRejection.findFirstOrThrow({ where: { batchId: result.batchId } });
    expect(JSON.stringify(logged.record).length).toBeLessThan(5_000);
    expect(logged.record).toMatchObject({ truncated: true });
  });
});

describe("unsafeIngestUsageBatch: idempotency and corrections", () => {
  it("counts a replay and an overlapping batch as duplicates, and a changed quantity as a correction", async () => {
    const batch = [0, 1, 2].map((h) => usageRecord({ start: `2026-11-18T0${h}:00:00Z`, resourceUri: "/idem", quantity: 4 }));
    expect(await unsafeIngestUsageBatch(setup.registration.id, batch, { now: NOW })).toMatchObject({ accepted: 3, duplicate: 0, corrected: 0 });
    expect(await unsafeIngestUsageBatch(setup.registration.id, batch, { now: NOW })).toMatchObject({ accepted: 0, duplicate: 3, corrected: 0 });
    const overlap = [2, 3].map((h) => usageRecord({ start: `2026-11-18T0${h}:00:00Z`, resourceUri: "/idem", quantity: 4 }));
    expect(await unsafeIngestUsageBatch(setup.registration.id, overlap, { now: NOW })).toMatchObject({ accepted: 1, duplicate: 1 });

    const auditsBefore = await database.prisma.auditEvent.count({ where: { action: "usage.correct" } });
    const corrected = [0, 1].map((h) => usageRecord({ start: `2026-11-18T0${h}:00:00Z`, resourceUri: "/idem", quantity: 5 }));
    const result = await unsafeIngestUsageBatch(setup.registration.id, corrected, { now: NOW });
    expect(result).toMatchObject({ accepted: 0, duplicate: 0, corrected: 2 });
    expect(await database.prisma.auditEvent.count({ where: { action: "usage.correct" } })).toBe(auditsBefore + 1);
    const audit = await database.prisma.auditEvent.findFirstOrThrow({ where: { action: "usage.correct", targetId: result.batchId } });
    expect(audit).toMatchObject({ partnerId: world.partners.direct.id, after: { corrected: 2 } });
    const rows = await database.prisma.usageRecord.findMany({
      where: { registrationId: setup.registration.id, resourceUri: "/idem" },
      orderBy: { usageStart: "asc" },
    });
    expect(rows.map((r) => Number(r.quantity))).toEqual([5, 5, 4, 4]);
    expect(rows[0].correctedAt).not.toBeNull();
    // The rated line follows the latest quantities: 5 + 5 + 4 + 4 core-hours.
    const line = await database.prisma.ratedUsageLine.findFirstOrThrow({ where: { registrationId: setup.registration.id, resourceUri: "/idem" } });
    expect(Number(line.quantity)).toBe(18);
    expect(new Decimal(line.pretaxAmount!.toString()).equals(new Decimal(VM_PRICE).times(18))).toBe(true);
  });
});

describe("unsafeIngestUsageBatch: late usage", () => {
  it("re-dates records of a closed day to the first open day and keeps the original time", async () => {
    // NOW − 48 h = 2026-11-18T12:00Z: the 17th closed at 2026-11-20T00:00Z; the 18th is still open.
    const result = await unsafeIngestUsageBatch(setup.registration.id, [usageRecord({ start: "2026-11-16T10:00:00Z", resourceUri: "/late" })], { now: NOW });
    expect(result.accepted).toBe(1);
    const row = await database.prisma.usageRecord.findFirstOrThrow({ where: { batchId: result.batchId } });
    expect(row.redated).toBe(true);
    expect(row.usageDate.toISOString().slice(0, 10)).toBe("2026-11-18");
    expect(row.usageStart.toISOString()).toBe("2026-11-16T10:00:00.000Z");
    const line = await database.prisma.ratedUsageLine.findFirstOrThrow({ where: { registrationId: setup.registration.id, resourceUri: "/late" } });
    expect(line.usageDate.toISOString().slice(0, 10)).toBe("2026-11-18");
    expect(line.eventDate.toISOString().slice(0, 10)).toBe("2026-11-16");
  });

  it("honours a shorter close window", async () => {
    const result = await unsafeIngestUsageBatch(setup.registration.id, [usageRecord({ start: "2026-11-19T10:00:00Z", resourceUri: "/late2" })], {
      now: NOW,
      dayCloseHours: 1,
    });
    const row = await database.prisma.usageRecord.findFirstOrThrow({ where: { batchId: result.batchId } });
    expect(row).toMatchObject({ redated: true });
    expect(row.usageDate.toISOString().slice(0, 10)).toBe("2026-11-20");
  });
});

describe("rating", () => {
  it("rated totals equal Σ commerce quantity × price, per Azure subscription", async () => {
    const lines = await database.prisma.ratedUsageLine.findMany({ where: { registrationId: setup.registration.id } });
    const raw = await records(setup.registration.id);
    const price: Record<string, string> = { [COMMERCE.vm]: VM_PRICE, [COMMERCE.vmAdmin]: VM_ADMIN_PRICE, [COMMERCE.blockBlob]: BLOB_PRICE };
    const expected = raw
      .filter((r) => r.commerceMeterId)
      .reduce((sum, r) => sum.plus(new Decimal(r.commerceQuantity!.toString()).times(price[r.commerceMeterId!])), new Decimal(0));
    const total = lines.reduce((sum, l) => sum.plus(new Decimal(l.pretaxAmount!.toString())), new Decimal(0));
    expect(total.toFixed(10)).toBe(expected.toFixed(10));
    expect(lines.every((l) => l.market === "US" && l.currency === "USD" && l.priceListVersionId)).toBe(true);
    const admin = lines.find((l) => l.commerceMeterId === COMMERCE.vmAdmin);
    expect(admin).toMatchObject({ azureSubscriptionId: setup.defaultSubscriptionId });
    expect(lines.some((l) => l.unregisteredTenant && l.azureSubscriptionId === setup.defaultSubscriptionId)).toBe(true);

    // The incremental lines equal a full rebuild of the same days from the raw records.
    const snapshot = (rows: typeof lines) =>
      rows
        .map(
          (l) =>
            `${l.resourceUri}|${l.commerceMeterId}|${l.usageDate.toISOString()}|${l.eventDate.toISOString()}|${l.localSubscriptionId}|${new Decimal(l.quantity.toString()).toFixed(10)}`,
        )
        .sort();
    const days = [...new Set(lines.map((l) => l.usageDate.toISOString().slice(0, 10)))];
    await unsafeRateUsageDays(database.sql, setup.registration.id, days);
    expect(snapshot(await database.prisma.ratedUsageLine.findMany({ where: { registrationId: setup.registration.id } }))).toEqual(snapshot(lines));
  });

  it("prices from the billing partner's market when it has a list, else from US", async () => {
    await database.prisma.partner.update({ where: { id: world.partners.direct.id }, data: { country: "DE" } });
    await makePriceList(database.prisma, { market: "DE", currency: "EUR", effectiveFrom: "2026-11-01", prices: { [COMMERCE.vm]: "0.0075" } });
    const result = await unsafeIngestUsageBatch(
      setup.registration.id,
      [
        usageRecord({ start: "2026-11-20T08:00:00Z", subscriptionId: "provider-sub", resourceUri: "/de" }),
        usageRecord({ start: "2026-11-20T08:00:00Z", resourceUri: "/de" }),
      ],
      { now: NOW },
    );
    expect(result.accepted).toBe(2);
    // The customer subscription rolls up to the same (now German) partner: DE list. The admin meter
    // isn't in the DE list: still the DE version (market in force), no price.
    const lines = await database.prisma.ratedUsageLine.findMany({ where: { registrationId: setup.registration.id, resourceUri: "/de" } });
    const tenant = lines.find((l) => l.commerceMeterId === COMMERCE.vm)!;
    expect(tenant).toMatchObject({ market: "DE", currency: "EUR" });
    expect(tenant.unitPrice?.toString()).toBe("0.0075");
    // Days before the DE list existed are still priced from US.
    const older = await database.prisma.ratedUsageLine.findFirstOrThrow({ where: { registrationId: setup.registration.id, resourceUri: "/idem" } });
    expect(older.market).toBe("US");
    await database.prisma.partner.update({ where: { id: world.partners.direct.id }, data: { country: "US" } });
  });
});

describe("capacity registrations", () => {
  it("store usage but never rate it", async () => {
    const capacity = await makeUsageRegistration(database.prisma, world, "CAPACITY");
    const result = await unsafeIngestUsageBatch(capacity.registration.id, [usageRecord({ start: "2026-11-20T05:00:00Z" })], { now: NOW });
    expect(result.accepted).toBe(1);
    expect(await database.prisma.usageRecord.count({ where: { registrationId: capacity.registration.id } })).toBe(1);
    expect(await database.prisma.ratedUsageLine.count({ where: { registrationId: capacity.registration.id } })).toBe(0);
  });
});

describe("retention", () => {
  it("purges raw records older than 180 days and keeps rated lines", async () => {
    const old = await makeUsageRegistration(database.prisma, world);
    const oldNow = new Date("2026-05-01T12:00:00Z");
    await unsafeIngestUsageBatch(old.registration.id, [usageRecord({ start: "2026-05-01T05:00:00Z" })], { now: oldNow });
    await unsafeIngestUsageBatch(old.registration.id, [usageRecord({ start: "2026-11-20T05:00:00Z" })], { now: NOW });
    const ratedBefore = await database.prisma.ratedUsageLine.count({ where: { registrationId: old.registration.id } });
    expect(ratedBefore).toBe(2);
    const { deleted } = await purgeUsageRecords(database.sql, { now: NOW });
    expect(deleted).toBeGreaterThanOrEqual(1);
    const left = await database.prisma.usageRecord.findMany({ where: { registrationId: old.registration.id } });
    expect(left.map((r) => r.usageStart.toISOString())).toEqual(["2026-11-20T05:00:00.000Z"]);
    expect(await database.prisma.ratedUsageLine.count({ where: { registrationId: old.registration.id } })).toBe(ratedBefore);
  });
});
