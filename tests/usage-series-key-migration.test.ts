// The migration that puts the registration's 4 bytes in front of every stored series key, on a
// database holding the demo data and usage history with keys of the earlier formula (md5 of the
// series alone): afterwards each key equals today's formula, nothing else changed, and a replayed
// record meets its stored key (a duplicate, not a second record).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../lib/database/migrations";
import type { Database } from "../lib/database/open-database";
import { setDatabaseForTests } from "../lib/db";
import { usageSeriesKeySql } from "../lib/usage/ingest/domain/usage-series-key";
import { unsafeIngestUsageBatch } from "../lib/usage/unsafe-ingest-usage-batch";
import { seedDemoIfEmpty } from "../prisma/seed/seed-demo";
import { demoUsageRegistrations, seedDemoUsageHistory } from "../prisma/seed/usage-history-demo";
import { createTestDatabase } from "./support/test-database";
import { usageRecord } from "./support/usage-fixtures";

const MIGRATION = "20261207160000_usage_series_key_registration_prefix";
const UNTIL = new Date("2026-11-04T00:00:00Z");
const IS_DAILY = `("usageEnd" - "usageStart" = interval '1 day')`;
const EARLIER_SERIES = `md5(CASE WHEN ${IS_DAILY} THEN 'daily|' ELSE '' END || "registrationId" || '|' || "localMeterId"::text || '|' || octet_length("localSubscriptionId") || '|' || "localSubscriptionId" || '|' || "resourceUri")::uuid`;
const TODAYS_KEY = `CASE WHEN ${IS_DAILY} THEN ${usageSeriesKeySql(`"registrationId"`, `"localSubscriptionId"`, `"localMeterId"`, `"resourceUri"`, "Daily")}
                         ELSE ${usageSeriesKeySql(`"registrationId"`, `"localSubscriptionId"`, `"localMeterId"`, `"resourceUri"`)} END`;
let database: Database;

beforeAll(async () => {
  database = await createTestDatabase({ before: MIGRATION });
  setDatabaseForTests(database);
  expect(await seedDemoIfEmpty(database.prisma)).toBe(true);
  await seedDemoUsageHistory(database, { days: 2, until: UNTIL });
  // The seed is today's code: its keys are given the earlier formula, as a database from before holds them.
  await database.sql.query(`UPDATE "UsageRecord" SET "seriesKey" = ${EARLIER_SERIES}`);
}, 300_000);
afterAll(() => database?.close());

async function rowsWithoutKeys() {
  const { rows } = await database.sql.query<{ n: number; digest: string }>(
    `SELECT count(*)::int AS n, md5(coalesce(string_agg((to_jsonb(t) - 'seriesKey')::text, '|' ORDER BY "usageStart", "registrationId", "localSubscriptionId", "localMeterId", "resourceUri"), '')) AS digest
       FROM "UsageRecord" t`,
  );
  return rows[0];
}

describe("usage_series_key_registration_prefix on the demo usage", () => {
  it("gives every stored key the registration's prefix, changes nothing else, and a replay is a duplicate", async () => {
    const before = await rowsWithoutKeys();
    expect(before?.n).toBeGreaterThan(100);
    const stale = `SELECT count(*)::int AS n FROM "UsageRecord" WHERE "seriesKey" <> ${TODAYS_KEY}`;
    expect((await database.sql.query<{ n: number }>(stale)).rows[0]?.n).toBe(before?.n);

    expect((await applyMigrations(database.migrationAdapter))[0]).toBe(MIGRATION);
    expect((await database.sql.query<{ n: number }>(stale)).rows[0]?.n).toBe(0);
    expect(await rowsWithoutKeys()).toEqual(before);

    const registration = demoUsageRegistrations().find((row) => row.billingModel === "PAY_AS_YOU_USE");
    if (!registration) throw new Error("no pay-as-you-use demo registration");
    const { rows } = await database.sql.query<{ subscriptionId: string; meterId: string; resourceUri: string; start: string; quantity: string }>(
      `SELECT "localSubscriptionId" AS "subscriptionId", "localMeterId"::text AS "meterId", "resourceUri", "usageStart" AS "start", "quantity"::text AS "quantity"
         FROM "UsageRecord" WHERE "registrationId" = $1 AND "usageEnd" - "usageStart" = interval '1 hour' ORDER BY "usageStart" DESC LIMIT 1`,
      [registration.id],
    );
    const stored = rows[0];
    if (!stored) throw new Error("no stored hourly record");
    const replay = usageRecord({ ...stored, start: new Date(stored.start).toISOString(), quantity: Number(stored.quantity) });
    const result = await unsafeIngestUsageBatch(registration.id, [replay], { now: new Date(UNTIL.getTime() + 3_600_000) });
    expect(result).toMatchObject({ accepted: 0, duplicate: 1, rejected: 0 });
  }, 300_000);
});
