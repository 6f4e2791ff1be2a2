// The migration that partitions UsageRecord and RatedUsageLine by month, on a database holding the
// demo data: the database is migrated up to the migration before it, seeded (the demo seed and a
// demo usage history spanning two months, through the real collector and ingest service), then
// migrated by the app's own migrate path (applyMigrations). Every row of the usage and rollup
// tables is unchanged, each in its month's partition, and ingest keeps rating and rolling up.
// The seed is today's code, so it needs every column the migrations before this one add: this
// migration sorts after them (a migration adding a column the seed writes must come before it).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../lib/database/migrations";
import type { Database } from "../lib/database/open-database";
import { setDatabaseForTests } from "../lib/db";
import { seedDemoIfEmpty } from "../prisma/seed/seed-demo";
import { demoUsageRegistrations, seedDemoUsageHistory } from "../prisma/seed/usage-history-demo";
import { createTestDatabase } from "./support/test-database";
import { usageRecord } from "./support/usage-fixtures";
import { unsafeIngestUsageBatch } from "../lib/usage/unsafe-ingest-usage-batch";

const MIGRATION = "20261207102000_usage_month_partitions";
const UNTIL = new Date("2026-11-04T00:00:00Z");
const DAYS = 8;
let database: Database;

beforeAll(async () => {
  database = await createTestDatabase({ before: MIGRATION });
  setDatabaseForTests(database);
  expect(await seedDemoIfEmpty(database.prisma)).toBe(true);
  await seedDemoUsageHistory(database, { days: DAYS, until: UNTIL });
}, 300_000);
afterAll(() => database?.close());

/** Every row of the four tables, as text (a digest and a count each), and the money totals. */
async function fingerprint() {
  const digest = async (table: string, order: string) => {
    const { rows } = await database.sql.query<{ n: number; digest: string }>(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY ${order}), '')) AS digest FROM "${table}" t`,
    );
    return rows[0];
  };
  const { rows: totals } = await database.sql.query<{ quantity: string; amount: string; daily: string; monthly: string }>(
    `SELECT (SELECT sum("quantity")::text FROM "UsageRecord") AS quantity, (SELECT sum("pretaxAmount")::text FROM "RatedUsageLine") AS amount,
            (SELECT sum("total")::text FROM "RatedUsageDaily") AS daily, (SELECT sum("total")::text FROM "RatedUsageMonthly") AS monthly`,
  );
  return {
    usage: await digest("UsageRecord", `"usageStart", "seriesKey"`),
    rated: await digest("RatedUsageLine", `"id"`),
    daily: await digest(
      "RatedUsageDaily",
      `"azureSubscriptionId", "usageDate", "registrationId", "commerceMeterId", "localMeterId", "localSubscriptionId", "unregisteredTenant", "currency"`,
    ),
    monthly: await digest("RatedUsageMonthly", `"period", "azureSubscriptionId", "registrationId", "localSubscriptionId", "unregisteredTenant", "currency"`),
    totals: totals[0],
  };
}

describe("usage_month_partitions on the demo data", () => {
  it("keeps every row, puts each in its month's partition, and ingest goes on", async () => {
    const before = await fingerprint();
    expect(before.usage.n).toBeGreaterThan(1000);
    expect(before.rated.n).toBeGreaterThan(100);
    const { rows: spread } = await database.sql.query<{ months: number }>(
      `SELECT count(DISTINCT date_trunc('month', "usageDate"))::int AS months FROM "RatedUsageLine"`,
    );
    expect(spread[0]?.months).toBeGreaterThanOrEqual(2);

    // This migration first, then any that came after it.
    expect((await applyMigrations(database.migrationAdapter))[0]).toBe(MIGRATION);
    expect(await fingerprint()).toEqual(before);

    for (const [table, monthOf] of [
      ["UsageRecord", `to_char("usageStart" AT TIME ZONE 'UTC', 'YYYY_MM')`],
      ["RatedUsageLine", `to_char("usageDate", 'YYYY_MM')`],
    ]) {
      const { rows } = await database.sql.query<{ partition: string; month: string; n: number }>(
        `SELECT tableoid::regclass::text AS partition, ${monthOf} AS month, count(*)::int AS n FROM "${table}" GROUP BY 1, 2 ORDER BY 2`,
      );
      expect(rows.length).toBeGreaterThanOrEqual(2);
      for (const row of rows) expect(row.partition).toBe(`"${table}_${row.month}"`);
    }

    // A new batch after the migration: new ids continue the sequence, the rollup triggers fire on
    // the partitioned table, and the rollups still equal the lines they sum.
    const maxId = BigInt((await database.sql.query<{ id: string }>(`SELECT max("id")::text AS id FROM "RatedUsageLine"`)).rows[0]?.id ?? "0");
    const registration = demoUsageRegistrations().find((row) => row.billingModel === "PAY_AS_YOU_USE");
    if (!registration) throw new Error("no pay-as-you-use demo registration");
    const { rows: subscriptions } = await database.sql.query<{ id: string }>(
      `SELECT "localSubscriptionId" AS id FROM "UsageRecord" WHERE "registrationId" = $1 AND NOT "unregisteredTenant" AND NOT "providerUsage" LIMIT 1`,
      [registration.id],
    );
    const result = await unsafeIngestUsageBatch(
      registration.id,
      [usageRecord({ subscriptionId: subscriptions[0]?.id, start: "2026-11-04T03:00:00Z", resourceUri: "/after-the-migration" })],
      { now: new Date("2026-11-04T05:00:00Z") },
    );
    expect(result).toMatchObject({ accepted: 1, rejected: 0 });
    const line = await database.prisma.ratedUsageLine.findFirstOrThrow({ where: { registrationId: registration.id, resourceUri: "/after-the-migration" } });
    expect(line.id).toBeGreaterThan(maxId);
    const { rows: drift } = await database.sql.query<{ n: number }>(
      `WITH lines AS (SELECT "azureSubscriptionId", "usageDate", sum((COALESCE(floor("unitPrice" * "quantity" * 100), 0) * 0.01)::numeric(40,2)) AS total, count(*) AS n
                        FROM "RatedUsageLine" GROUP BY 1, 2),
            daily AS (SELECT "azureSubscriptionId", "usageDate", sum("total") AS total, sum("lines") AS n FROM "RatedUsageDaily" GROUP BY 1, 2)
       SELECT count(*)::int AS n FROM lines FULL JOIN daily USING ("azureSubscriptionId", "usageDate")
        WHERE lines.total IS DISTINCT FROM daily.total OR lines.n IS DISTINCT FROM daily.n`,
    );
    expect(drift[0]?.n).toBe(0);
  }, 300_000);
});
