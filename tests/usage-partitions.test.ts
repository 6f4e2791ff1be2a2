// The portal's upkeep of the month-partitioned usage tables (lib/partitions/) with the clock set
// by the test, on the test database (PGlite, or PostgreSQL with TEST_DATABASE_URL). The months used
// are years ahead of the real clock, so the partitions the migration made (around today) never
// meet them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "./support/test-database";
import { makeWorld, type World } from "./support/world";
import { makeUsageRegistration, usageRecord } from "./support/usage-fixtures";
import { setDatabaseForTests } from "../lib/db";
import type { Database } from "../lib/database/open-database";
import { unsafeIngestUsageBatch } from "../lib/usage/unsafe-ingest-usage-batch";
import { purgeUsageRecords } from "../lib/usage/purge-usage-records";
import { unsafeMaintainUsagePartitions } from "../lib/partitions/unsafe-maintain-usage-partitions";

let database: Database;
let world: World;

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabaseForTests(database);
  world = await makeWorld(database.prisma);
});
afterAll(() => database.close());

/** The table's partitions (name → bound), the DEFAULT one included. */
async function partitionsOf(table: string): Promise<Map<string, string>> {
  const { rows } = await database.sql.query<{ name: string; bound: string }>(
    `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
       FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = $1::regclass`,
    [`"${table}"`],
  );
  return new Map(rows.map((row) => [row.name, row.bound]));
}

async function whereRows(table: string, registrationId: string): Promise<string[]> {
  const { rows } = await database.sql.query<{ partition: string }>(
    `SELECT tableoid::regclass::text AS partition FROM "${table}" WHERE "registrationId" = $1 ORDER BY 1`,
    [registrationId],
  );
  return rows.map((row) => row.partition.replace(/"/g, ""));
}

describe("month rollover", () => {
  it("keeps the current UTC month and the next two, whatever the day", async () => {
    const onLastDay = await unsafeMaintainUsagePartitions(database.sql, { now: new Date("2031-01-31T23:59:59Z") });
    expect(onLastDay).toEqual({
      created: [
        "UsageRecord_2031_01",
        "UsageRecord_2031_02",
        "UsageRecord_2031_03",
        "RatedUsageLine_2031_01",
        "RatedUsageLine_2031_02",
        "RatedUsageLine_2031_03",
      ],
      moved: 0,
    });
    const nextDay = await unsafeMaintainUsagePartitions(database.sql, { now: new Date("2031-02-01T00:00:00Z") });
    expect(nextDay).toEqual({ created: ["UsageRecord_2031_04", "RatedUsageLine_2031_04"], moved: 0 });
    expect(await unsafeMaintainUsagePartitions(database.sql, { now: new Date("2031-02-01T13:00:00Z") })).toEqual({ created: [], moved: 0 });

    const usage = await partitionsOf("UsageRecord");
    expect(usage.get("UsageRecord_2031_04")).toBe("FOR VALUES FROM ('2031-04-01 00:00:00+00') TO ('2031-05-01 00:00:00+00')");
    expect(usage.get("UsageRecord_default")).toBe("DEFAULT");
    const rated = await partitionsOf("RatedUsageLine");
    expect(rated.get("RatedUsageLine_2031_04")).toBe("FOR VALUES FROM ('2031-04-01') TO ('2031-05-01')");
    // The month's partition carries the rated lines' fillfactor and the partitioned table's indexes.
    const { rows } = await database.sql.query<{ reloptions: string[] | null; indexes: number }>(
      `SELECT c.reloptions, (SELECT count(*)::int FROM pg_index WHERE indrelid = c.oid) AS indexes FROM pg_class c WHERE c.relname = 'RatedUsageLine_2031_04'`,
    );
    expect(rows).toEqual([{ reloptions: ["fillfactor=80"], indexes: 4 }]);
  });

  it("creates the months since a given day too, for a bulk load of history", async () => {
    const upkeep = await unsafeMaintainUsagePartitions(database.sql, { now: new Date("2034-01-10T00:00:00Z"), since: new Date("2033-11-20T00:00:00Z") });
    expect(upkeep.created.filter((name) => name.startsWith("UsageRecord"))).toEqual([
      "UsageRecord_2033_11",
      "UsageRecord_2033_12",
      "UsageRecord_2034_01",
      "UsageRecord_2034_02",
      "UsageRecord_2034_03",
    ]);
  });

  it("puts an hour in its UTC month, on both sides of midnight", async () => {
    const { registration } = await makeUsageRegistration(database.prisma, world);
    const result = await unsafeIngestUsageBatch(
      registration.id,
      [usageRecord({ start: "2031-01-31T23:00:00Z", resourceUri: "/jan" }), usageRecord({ start: "2031-02-01T00:00:00Z", resourceUri: "/feb" })],
      { now: new Date("2031-02-01T02:00:00Z") },
    );
    expect(result).toMatchObject({ accepted: 2, rejected: 0 });
    expect(await whereRows("UsageRecord", registration.id)).toEqual(["UsageRecord_2031_01", "UsageRecord_2031_02"]);
    expect(await whereRows("RatedUsageLine", registration.id)).toEqual(["RatedUsageLine_2031_01", "RatedUsageLine_2031_02"]);
  });

  it.runIf(!!process.env.TEST_DATABASE_URL)("creates each partition once when two processes run it at once", async () => {
    const now = new Date("2033-05-10T00:00:00Z");
    const [one, two] = await Promise.all([unsafeMaintainUsagePartitions(database.sql, { now }), unsafeMaintainUsagePartitions(database.sql, { now })]);
    expect([...one.created, ...two.created].sort()).toEqual(
      ["2033_05", "2033_06", "2033_07"].flatMap((month) => [`RatedUsageLine_${month}`, `UsageRecord_${month}`]).sort(),
    );
  });
});

describe("the DEFAULT partition", () => {
  it("takes usage of a month without a partition, and the upkeep moves it into its month", async () => {
    const { registration } = await makeUsageRegistration(database.prisma, world);
    const records = [usageRecord({ start: "2032-06-10T05:00:00Z", resourceUri: "/a" }), usageRecord({ start: "2032-06-11T05:00:00Z", resourceUri: "/b" })];
    expect(await unsafeIngestUsageBatch(registration.id, records, { now: new Date("2032-06-11T07:00:00Z") })).toMatchObject({ accepted: 2 });
    expect(await whereRows("UsageRecord", registration.id)).toEqual(["UsageRecord_default", "UsageRecord_default"]);
    expect(await whereRows("RatedUsageLine", registration.id)).toEqual(["RatedUsageLine_default", "RatedUsageLine_default"]);
    const snapshot = async () => ({
      usage: await database.prisma.usageRecord.findMany({ where: { registrationId: registration.id }, orderBy: { usageStart: "asc" } }),
      rated: await database.prisma.ratedUsageLine.findMany({ where: { registrationId: registration.id }, orderBy: { usageDate: "asc" } }),
      daily: await database.prisma.ratedUsageDaily.findMany({ where: { registrationId: registration.id }, orderBy: { usageDate: "asc" } }),
      monthly: await database.prisma.ratedUsageMonthly.findMany({ where: { registrationId: registration.id } }),
    });
    const before = await snapshot();
    expect(before.daily).toHaveLength(2);

    const upkeep = await unsafeMaintainUsagePartitions(database.sql, { now: new Date("2031-02-01T00:00:00Z") });
    expect(upkeep).toEqual({ created: ["UsageRecord_2032_06", "RatedUsageLine_2032_06"], moved: 4 });
    expect(await whereRows("UsageRecord", registration.id)).toEqual(["UsageRecord_2032_06", "UsageRecord_2032_06"]);
    expect(await whereRows("RatedUsageLine", registration.id)).toEqual(["RatedUsageLine_2032_06", "RatedUsageLine_2032_06"]);
    const { rows } = await database.sql.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM "UsageRecord_default") + (SELECT count(*) FROM "RatedUsageLine_default") AS n`,
    );
    expect(Number(rows[0]?.n)).toBe(0);
    // The rows are the same (ids included) and the rollups, which counted them already, unchanged.
    expect(await snapshot()).toEqual(before);

    // A replay of the batch is still recognised (the primary key spans the new partition).
    expect(await unsafeIngestUsageBatch(registration.id, records, { now: new Date("2032-06-11T08:00:00Z") })).toMatchObject({ accepted: 0, duplicate: 2 });
  });
});

describe("retention", () => {
  it("drops the months wholly past 180 days, deletes the boundary month's expired rows, keeps rated lines", async () => {
    const { registration } = await makeUsageRegistration(database.prisma, world);
    await unsafeMaintainUsagePartitions(database.sql, { now: new Date("2031-01-01T00:00:00Z") });
    await unsafeMaintainUsagePartitions(database.sql, { now: new Date("2031-03-01T00:00:00Z") });
    for (const start of ["2031-01-15T05:00:00Z", "2031-02-15T05:00:00Z", "2031-03-10T05:00:00Z", "2031-03-25T05:00:00Z", "2031-04-05T05:00:00Z"]) {
      await unsafeIngestUsageBatch(registration.id, [usageRecord({ start, resourceUri: `/r-${start.slice(0, 10)}` })], {
        now: new Date(Date.parse(start) + 7_200_000),
      });
    }
    // 180 days before 2031-09-15T12:00Z: 2031-03-19T12:00Z.
    const purge = await purgeUsageRecords(database.sql, { now: new Date("2031-09-15T12:00:00Z") });
    expect(purge.cutoff.toISOString()).toBe("2031-03-19T12:00:00.000Z");
    expect(purge.droppedPartitions).toEqual(expect.arrayContaining(["UsageRecord_2031_01", "UsageRecord_2031_02"]));
    expect(purge.droppedPartitions.every((name) => name < "UsageRecord_2031_03")).toBe(true);
    expect(purge.deleted).toBe(1);
    const usage = await partitionsOf("UsageRecord");
    expect([...usage.keys()].filter((name) => name >= "UsageRecord_2031" && name < "UsageRecord_2031_05").sort()).toEqual([
      "UsageRecord_2031_03",
      "UsageRecord_2031_04",
    ]);
    const left = await database.prisma.usageRecord.findMany({ where: { registrationId: registration.id }, orderBy: { usageStart: "asc" } });
    expect(left.map((record) => record.usageStart.toISOString())).toEqual(["2031-03-25T05:00:00.000Z", "2031-04-05T05:00:00.000Z"]);
    // Rated lines are billing history: every month's partition and line stays.
    expect(await database.prisma.ratedUsageLine.count({ where: { registrationId: registration.id } })).toBe(5);
    expect((await partitionsOf("RatedUsageLine")).has("RatedUsageLine_2031_01")).toBe(true);
  });
});
