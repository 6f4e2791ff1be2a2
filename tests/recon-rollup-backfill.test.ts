// The rated_usage_monthly migration fills RatedUsageMonthly from the lines already rated (a database
// upgraded with usage in it shows the same totals as before), and the triggers keep it afterwards.
// The migrations are run one by one on a fresh in-memory PGlite, lines inserted in between.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { readMigrationFolders } from "../lib/database/migrations";
import { PGLITE_EXTENSIONS } from "../lib/database/open-database";

const MONTHLY = "rated_usage_monthly";
let pglite: PGlite;

/** Lines for 3 subscriptions × 2 local subscriptions × 40 days from 2026-09-10 (two months), two meters, one unpriced. */
const insertLines = (firstId: number) => `
INSERT INTO "RatedUsageLine" ("registrationId","azureSubscriptionId","commerceMeterId","resourceUri","usageDate","eventDate","localMeterId",
  "localSubscriptionId","unregisteredTenant","location","quantity","market","currency","unitPrice")
SELECT 'reg-' || (s % 2), ('00000000-0000-0000-0000-00000000000' || s)::uuid, ('00000000-0000-0000-0000-0000000000a' || (k % 2))::uuid,
       '/r/' || k || '/' || ${firstId}, '2026-09-10'::date + d, '2026-09-10'::date + d, '00000000-0000-0000-0000-0000000000cc'::uuid,
       'local-' || (k % 2), k = 3, 'local', (k + 1) * 1.2345678901, 'US', CASE WHEN k = 2 THEN NULL ELSE 'USD' END,
       CASE WHEN k = 2 THEN NULL ELSE 0.0460000007 END
  FROM generate_series(1, 3) s CROSS JOIN generate_series(0, 39) d CROSS JOIN generate_series(0, 3) k`;

/** RatedUsageMonthly keys whose total or line count differ from the lines' own month sums. */
async function mismatches(): Promise<number> {
  const { rows } = await pglite.query<{ n: number }>(`
    WITH l AS (SELECT date_trunc('month', "usageDate"::timestamp)::date AS "period", "azureSubscriptionId", "registrationId", "localSubscriptionId",
                      "unregisteredTenant", COALESCE("currency", '') AS "currency", count(*)::int AS "lines",
                      sum((COALESCE(floor("unitPrice" * "quantity" * 100), 0) * 0.01)::numeric(40,2)) AS "total"
                 FROM "RatedUsageLine" GROUP BY 1, 2, 3, 4, 5, 6)
    SELECT count(*)::int AS n FROM l FULL JOIN "RatedUsageMonthly" m USING ("period", "azureSubscriptionId", "registrationId", "localSubscriptionId", "unregisteredTenant", "currency")
     WHERE l."total" IS DISTINCT FROM m."total" OR l."lines" IS DISTINCT FROM m."lines"`);
  return rows[0].n;
}

beforeAll(async () => {
  pglite = new PGlite("memory://", { extensions: PGLITE_EXTENSIONS });
  await pglite.waitReady;
  const folders = await readMigrationFolders();
  const index = folders.findIndex((folder) => folder.name.endsWith(`_${MONTHLY}`));
  expect(index).toBeGreaterThan(0);
  for (const folder of folders.slice(0, index)) await pglite.exec(folder.sql);
  await pglite.exec(insertLines(1));
  for (const folder of folders.slice(index)) await pglite.exec(folder.sql);
});
afterAll(() => pglite?.close());

describe("migration rated_usage_monthly", () => {
  it("backfills the month sums of the lines already rated, per subscription, registration and local subscription", async () => {
    const { rows } = await pglite.query<{ n: number; periods: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT "period")::int AS periods FROM "RatedUsageMonthly"`,
    );
    // 3 subscriptions × 2 months × 4 keys (local-0 priced / unpriced, local-1, local-1 unregistered)
    expect(rows[0]).toEqual({ n: 3 * 2 * 4, periods: 2 });
    expect(await mismatches()).toBe(0);
  });
  it("then follows new, updated and deleted lines", async () => {
    await pglite.exec(insertLines(2));
    await pglite.exec(`UPDATE "RatedUsageLine" SET "quantity" = "quantity" * 2 WHERE "id" % 3 = 0`);
    await pglite.exec(`DELETE FROM "RatedUsageLine" WHERE "usageDate" < '2026-10-01' AND "localSubscriptionId" = 'local-1'`);
    expect(await mismatches()).toBe(0);
    const { rows } = await pglite.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "RatedUsageMonthly" WHERE "lines" <= 0 OR ("period" = '2026-09-01' AND "localSubscriptionId" = 'local-1')`,
    );
    expect(rows[0].n).toBe(0);
  });
});
