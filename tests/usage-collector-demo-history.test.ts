// The demo history path (prisma/seed/usage-history-demo.ts): simulated stamps → the collector →
// the real ingest service, in-process. A short history here; every record lands exactly once
// (totals equal the simulator's ground truth), pay-as-you-use stamps are rated, Capacity isn't.
import Decimal from "decimal.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../lib/database/open-database";
import { normaliseMeterId } from "../lib/meters/meter-id";
import { DAY_MS, groundTruth } from "../lib/stamp-simulator";
import { seedDemoIfEmpty } from "../prisma/seed/seed-demo";
import { demoStampWorld, demoUsageRegistrations, seedDemoUsageHistory } from "../prisma/seed/usage-history-demo";
import { createTestDatabase } from "./support/test-database";

const DAYS = 3;
const UNTIL = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS);
let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
  expect(await seedDemoIfEmpty(database.prisma)).toBe(true);
}, 180_000);
afterAll(() => database.close());

describe("demo usage history", () => {
  it("fills every usage-reporting demo registration through the collector and the ingest service", async () => {
    const summaries = await seedDemoUsageHistory(database, { days: DAYS, until: UNTIL });
    const registrations = demoUsageRegistrations();
    expect([...summaries.keys()]).toEqual(registrations.map((row) => row.key));

    for (const registration of registrations) {
      const world = demoStampWorld(registration, UNTIL, DAYS);
      const truth = groundTruth(world, world.usageStart, UNTIL.getTime());
      const summary = summaries.get(registration.key);
      expect(summary?.records).toBe(truth.records);
      expect(summary?.rejected).toBe(0);

      const { rows } = await database.sql.query<{ sub: string; meter: string; total: string }>(
        `SELECT "localSubscriptionId" AS sub, "localMeterId"::text AS meter, sum("quantity")::text AS total
           FROM "UsageRecord" WHERE "registrationId" = $1 GROUP BY 1, 2`,
        [registration.id],
      );
      const stored = new Map(rows.map((row) => [`${row.sub}|${row.meter}`, new Decimal(row.total).toString()]));
      const expected = new Map(
        [...truth.totals].map(([key, total]) => {
          const [sub, meter] = key.split("|");
          return [`${sub.toLowerCase()}|${normaliseMeterId(meter)}`, new Decimal(total).toString()];
        }),
      );
      expect(stored).toEqual(expected);

      const subscriptions = await database.prisma.localSubscription.count({ where: { registrationId: registration.id } });
      expect(subscriptions).toBe(world.subscriptions.length);
      const rated = await database.prisma.ratedUsageLine.count({ where: { registrationId: registration.id } });
      if (registration.billingModel === "CAPACITY") expect(rated).toBe(0);
      else expect(rated).toBeGreaterThan(0);
    }
  }, 300_000);
});
