// The COPY-based write path: values that need escaping in COPY's text format arrive intact, NUL
// characters are refused per record instead of failing the batch, in-batch duplicates are resolved
// across the encoder's slices, the hashed series key is the same in Node and SQL and never merges
// two natural keys, and the route reports its phases in Server-Timing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "./support/test-database";
import { makeWorld } from "./support/world";
import { makeUsageRegistration, usageRecord } from "./support/usage-fixtures";
import { setDatabaseForTests } from "../lib/db";
import type { Database } from "../lib/database/open-database";
import { unsafeIngestUsageBatch } from "../lib/usage/unsafe-ingest-usage-batch";
import { copyText } from "../lib/database/sql-text";
import { parseServerTiming, PhaseTimer } from "../lib/usage/phase-timer";
import { usageSeriesKey, usageSeriesKeySql } from "../lib/usage/ingest/domain/usage-series-key";
import { COMMERCE, makePriceList, METERS } from "./support/usage-fixtures";
import { unsafeRateUsageDays } from "../lib/usage/rate-usage";
import { openUsageBody } from "../lib/usage/ingest/wire/usage-record-list";

let database: Database;
let registrationId: string;
const NOW = new Date("2026-11-20T12:00:00Z");

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabaseForTests(database);
  const world = await makeWorld(database.prisma);
  registrationId = (await makeUsageRegistration(database.prisma, world)).registration.id;
});
afterAll(() => database.close());

describe("COPY text encoding", () => {
  it("escapes backslash, tab, newline and carriage return only", () => {
    expect(copyText("plain /uri")).toBe("plain /uri");
    expect(copyText("a\\b\tc\nd\re")).toBe("a\\\\b\\tc\\nd\\re");
  });

  it("stores resource URIs, locations, tags and additionalInfo that need escaping exactly as sent", async () => {
    const resourceUri = "/subscriptions/s/resourceGroups/rg\twith tab/providers/x/vm\\back\nslash \\N é ✓";
    const tags = { note: 'quote " and \\ backslash\tand tab', multi: "line\nbreak" };
    const additionalInfo = { path: "C:\\temp\\x", empty: "" };
    const record = usageRecord({
      start: "2026-11-20T03:00:00Z",
      instanceData: JSON.stringify({ "Microsoft.Resources": { resourceUri, location: "loc\\al\t1", tags, additionalInfo } }),
    });
    const result = await unsafeIngestUsageBatch(registrationId, [record], { now: NOW });
    expect(result).toMatchObject({ accepted: 1, rejected: 0 });
    const row = await database.prisma.usageRecord.findFirstOrThrow({ where: { batchId: result.batchId } });
    expect(row).toMatchObject({ resourceUri, location: "loc\\al\t1", tags, additionalInfo });
  });
});

describe("per-record refusals the database would otherwise fail the batch on", () => {
  it("refuses NUL characters in instanceData and subscriptionId, and stores the rest", async () => {
    const start = "2026-11-20T04:00:00Z";
    const result = await unsafeIngestUsageBatch(
      registrationId,
      [
        usageRecord({ start, resourceUri: "/nul/ok" }),
        usageRecord({ start, resourceUri: "/nul/\u0000bad" }),
        usageRecord({ start, subscriptionId: "sub\u0000x", resourceUri: "/nul/sub" }),
      ],
      { now: NOW },
    );
    expect(result.accepted).toBe(1);
    expect(result.rejections.map((r) => [r.index, r.code])).toEqual([
      [1, "MalformedInstanceData"],
      [2, "MissingProperty"],
    ]);
  });
});

describe("in-batch duplicates across encoder slices", () => {
  it("keeps the later record when the earlier one was already streamed to the database", async () => {
    const start = "2026-11-19T05:00:00Z";
    const batch = Array.from({ length: 5_003 }, (_, i) => usageRecord({ start, resourceUri: `/slices/vm-${i}`, quantity: 1 }));
    // Record 5,002 (third slice) restates record 1 (first slice) with another quantity.
    batch[5_002] = usageRecord({ start, resourceUri: "/slices/vm-1", quantity: 7 });
    const result = await unsafeIngestUsageBatch(registrationId, batch, { now: NOW });
    expect(result).toMatchObject({ accepted: 5_002, duplicate: 0, corrected: 0, rejected: 1 });
    expect(result.rejections).toEqual([{ index: 1, code: "DuplicateInBatch", reason: expect.stringContaining("record 5002") }]);
    const row = await database.prisma.usageRecord.findFirstOrThrow({ where: { registrationId, resourceUri: "/slices/vm-1" } });
    expect(Number(row.quantity)).toBe(7);
    const line = await database.prisma.ratedUsageLine.findFirstOrThrow({ where: { registrationId, resourceUri: "/slices/vm-1" } });
    expect(Number(line.quantity)).toBe(7);
  });
});

describe("series key (md5 of registration, subscription, meter, URI)", () => {
  it("is computed alike in Node (ingest) and SQL (migration backfill), for any text, hourly and daily", async () => {
    const cases = [
      ["tenant-sub-1", "/subscriptions/x/vm1"],
      ["sub|with|pipes", "/uri|7|x"],
      ["é ✓ 𝄞", "/résumé/\\back\ttab"],
      ["", ""],
    ];
    for (const [sub, uri] of cases) {
      const { rows } = await database.sql.query<{ key: string }>(`SELECT ${usageSeriesKeySql("$1::text", "$2::text", "$3::uuid", "$4::text")}::text AS "key"`, [
        registrationId,
        sub,
        METERS.baseVm.toLowerCase(),
        uri,
      ]);
      expect(rows[0].key).toBe(usageSeriesKey(registrationId, sub, METERS.baseVm.toLowerCase(), uri));
      const { rows: daily } = await database.sql.query<{ key: string }>(
        `SELECT ${usageSeriesKeySql("$1::text", "$2::text", "$3::uuid", "$4::text", "Daily")}::text AS "key"`,
        [registrationId, sub, METERS.baseVm.toLowerCase(), uri],
      );
      expect(daily[0].key).toBe(usageSeriesKey(registrationId, sub, METERS.baseVm.toLowerCase(), uri, "Daily"));
      expect(daily[0].key).not.toBe(rows[0].key);
    }
    // The subscription's byte length keeps the two free-text fields apart.
    expect(usageSeriesKey(registrationId, "a|b", METERS.baseVm, "c")).not.toBe(usageSeriesKey(registrationId, "a", METERS.baseVm, "b|c"));
  });

  it("starts with the registration's 4 bytes, so a registration's records of an hour lie together in the primary key", () => {
    const keys = ["/vm1", "/vm2", "/vm3"].map((uri) => usageSeriesKey(registrationId, "tenant-sub-1", METERS.baseVm, uri));
    const other = usageSeriesKey("another-registration", "tenant-sub-1", METERS.baseVm, "/vm1");
    expect(new Set(keys.map((key) => key.slice(0, 8))).size).toBe(1);
    expect(other.slice(0, 8)).not.toBe(keys[0].slice(0, 8));
    expect(new Set(keys.map((key) => key.slice(9))).size).toBe(3);
  });

  it("refuses a batch whose key is taken by another natural key instead of counting it as a duplicate", async () => {
    const start = "2026-11-19T07:00:00Z";
    await unsafeIngestUsageBatch(registrationId, [usageRecord({ start, resourceUri: "/collide/a" })], { now: NOW });
    // Forge a collision: the stored record of /collide/a takes the key /collide/b will hash to.
    const forged = usageSeriesKey(registrationId, "tenant-sub-1", METERS.baseVm.toLowerCase(), "/collide/b");
    await database.sql.query(`UPDATE "UsageRecord" SET "seriesKey" = $1 WHERE "registrationId" = $2 AND "resourceUri" = '/collide/a'`, [
      forged,
      registrationId,
    ]);
    await expect(unsafeIngestUsageBatch(registrationId, [usageRecord({ start, resourceUri: "/collide/b" })], { now: NOW })).rejects.toThrow(/collision/);
    expect(await database.prisma.usageRecord.count({ where: { registrationId, resourceUri: "/collide/b" } })).toBe(0);
  });
});

describe("fresh batches: rated lines summed in Node", () => {
  it("equal a rebuild from the stored records, column for column (rounding, conversions, several meters and locations)", async () => {
    await makePriceList(database.prisma, {
      market: "US",
      currency: "USD",
      effectiveFrom: "2020-01-01",
      prices: { [COMMERCE.vm]: "0.008", [COMMERCE.blockBlob]: "0.006", [COMMERCE.vmAdmin]: "0.01" },
    });
    const instance = (resourceUri: string, location: string) =>
      JSON.stringify({ "Microsoft.Resources": { resourceUri, location, tags: null, additionalInfo: null } });
    const batch = [];
    for (const start of ["2026-11-18T22:00:00Z", "2026-11-18T23:00:00Z", "2026-11-19T00:00:00Z", "2026-11-15T10:00:00Z"]) {
      batch.push(
        usageRecord({
          start,
          resourceUri: "/fresh/vm",
          quantity: 0.12345678901234567,
          instanceData: instance("/fresh/vm", start.endsWith("23:00:00Z") ? "b-loc" : "a-loc"),
        }),
      );
      batch.push(usageRecord({ start, resourceUri: "/fresh/vm", meterId: METERS.windowsVm, quantity: 3 }));
      batch.push(usageRecord({ start, resourceUri: "/fresh/blob", meterId: METERS.blockBlob, quantity: 1234.5 }));
      batch.push(usageRecord({ start, subscriptionId: "provider-sub", resourceUri: "/fresh/admin", quantity: 9_007_199_254_740 }));
      batch.push(usageRecord({ start, subscriptionId: "unknown-sub", resourceUri: "/fresh/ip", meterId: METERS.staticIp, quantity: 1 }));
      // Sent to the rating as array literals: quotes, backslashes, braces, commas and NULL-like text.
      batch.push(
        usageRecord({
          start,
          resourceUri: '/fresh/odd "q" \\b {x,y} NULL',
          quantity: 2,
          instanceData: instance('/fresh/odd "q" \\b {x,y} NULL', 'loc "1",\\'),
        }),
      );
    }
    const result = await unsafeIngestUsageBatch(registrationId, batch, { now: NOW });
    expect(result).toMatchObject({ accepted: batch.length, rejected: 0 });
    const where = { registrationId, resourceUri: { startsWith: "/fresh/" } };
    const snapshot = async () =>
      (
        await database.prisma.ratedUsageLine.findMany({
          where,
          orderBy: [{ resourceUri: "asc" }, { commerceMeterId: "asc" }, { usageDate: "asc" }, { eventDate: "asc" }],
        })
      ).map(({ id: _id, updatedAt: _updated, ...line }) => ({
        ...line,
        quantity: line.quantity.toString(),
        pretaxAmount: line.pretaxAmount?.toString(),
        unitPrice: line.unitPrice?.toString(),
      }));
    const fresh = await snapshot();
    expect(fresh.length).toBeGreaterThan(8);
    expect(fresh.some((line) => line.location === "b-loc")).toBe(true);
    const days = [...new Set(fresh.map((line) => line.usageDate.toISOString().slice(0, 10)))];
    await unsafeRateUsageDays(database.sql, registrationId, days);
    expect(await snapshot()).toEqual(fresh);
  });
});

describe("phase timings", () => {
  it("records each phase of a batch, readable back from the Server-Timing header", async () => {
    const timer = new PhaseTimer();
    await unsafeIngestUsageBatch(registrationId, [usageRecord({ start: "2026-11-20T06:00:00Z", resourceUri: "/timed" })], { now: NOW, timer });
    const phases = parseServerTiming(timer.header());
    // Both databases COPY fresh records straight into UsageRecord: the same phases.
    expect([...phases.keys()]).toEqual(["load", "prepare", "copy", "rate", "finish"]);
    expect([...phases.values()].every((ms) => ms >= 0)).toBe(true);
  });
});

describe("records read slice by slice from the body (the route's path)", () => {
  it("ingest exactly like the parsed array: rejections with their records, duplicates across slices, then a replay", async () => {
    const start = (hour: number) => `2026-11-19T${String(hour).padStart(2, "0")}:00:00Z`;
    const batch = Array.from({ length: 11 }, (_, i) => usageRecord({ start: start(i), resourceUri: "/sliced/vm", quantity: i + 1 }));
    batch[8] = usageRecord({ start: start(8), resourceUri: "/sliced/vm", quantity: -1 });
    batch[9] = usageRecord({ start: start(1), resourceUri: "/sliced/vm", quantity: 99 }); // supersedes record 1, two slices later
    const body = JSON.stringify({ value: batch });
    const first = await unsafeIngestUsageBatch(registrationId, openUsageBody(Buffer.from(body), 50_000, 3)!, { now: NOW });
    expect(first).toMatchObject({ accepted: 9, duplicate: 0, corrected: 0, rejected: 2 });
    expect(first.rejections.map((r) => [r.index, r.code])).toEqual([
      [1, "DuplicateInBatch"],
      [8, "NegativeQuantity"],
    ]);
    const logged = await database.prisma.usageRejection.findMany({
      where: { batchId: first.batchId },
      orderBy: { recordIndex: "asc" },
      select: { recordIndex: true, record: true },
    });
    expect(logged).toEqual([
      { recordIndex: 1, record: batch[1] },
      { recordIndex: 8, record: batch[8] },
    ]);
    const hourOne = await database.prisma.usageRecord.findFirst({
      where: { registrationId, resourceUri: "/sliced/vm", usageStart: new Date(start(1)) },
      select: { quantity: true },
    });
    expect(hourOne?.quantity.toString()).toBe("99");
    // The replay finds every key taken: the fresh attempt rolls back and the slices are read again.
    const replay = await unsafeIngestUsageBatch(registrationId, openUsageBody(Buffer.from(body), 50_000, 3)!, { now: NOW });
    expect(replay).toMatchObject({ accepted: 0, duplicate: 9, corrected: 0, rejected: 2 });
  });
});

describe("rated tables", () => {
  it("leave 20 % of each page free, so re-rated lines update in place", async () => {
    const { rows } = await database.sql.query<{ relname: string; reloptions: string[] | null }>(
      `SELECT relname, reloptions FROM pg_class WHERE relname IN ('RatedUsageLine', 'RatedUsageDaily', 'RatedUsageMonthly') ORDER BY relname`,
    );
    expect(rows).toEqual([
      { relname: "RatedUsageDaily", reloptions: ["fillfactor=80"] },
      // Partitioned by month: a partitioned table has no storage of its own, each month has it.
      { relname: "RatedUsageLine", reloptions: null },
      { relname: "RatedUsageMonthly", reloptions: ["fillfactor=80"] },
    ]);
    const { rows: months } = await database.sql.query<{ relname: string; reloptions: string[] | null }>(
      `SELECT c.relname, c.reloptions FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = '"RatedUsageLine"'::regclass`,
    );
    expect(months.length).toBeGreaterThanOrEqual(4);
    for (const month of months) expect(month.reloptions, month.relname).toEqual(["fillfactor=80"]);
  });
});
