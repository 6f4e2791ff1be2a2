// The recon file joins the price list on ProductId + SkuId + MeterId: the demo seed's usage (simulated
// stamps → the collector → the real ingest and rating) for a couple of days, the file written by the
// database's engine (COPY on PostgreSQL, JS on PGlite) as the platform operator, and every line
// matched to a price list row — the join a partner makes in a spreadsheet. Also: every line names
// its partner's and its customer's tenant, and carries its original time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import type { Database } from "../lib/database/open-database";
import { resolvePartnerScope } from "../lib/auth/partner-scope";
import { DAY_MS } from "../lib/stamp-simulator";
import { chooseReconWriter } from "../lib/recon/choose-recon-writer";
import { RECON_COLUMNS } from "../lib/recon/recon-line";
import { resolveReconQuery } from "../lib/recon/recon-source";
import { DEMO_OPERATOR_EMAIL, DEMO_PARTNER_LIST } from "../prisma/seed/demo-data";
import { seedDemoIfEmpty } from "../prisma/seed/seed-demo";
import { seedDemoUsageHistory } from "../prisma/seed/usage-history-demo";
import { createTestDatabase } from "./support/test-database";

const UNTIL = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS);
/** The last full day's month: the period the file is written for. */
const DAY = new Date(UNTIL.getTime() - DAY_MS).toISOString().slice(0, 10);
const PERIOD = DAY.slice(0, 7);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
  expect(await seedDemoIfEmpty(database.prisma)).toBe(true);
  await seedDemoUsageHistory(database, { days: 2, until: UNTIL });
}, 300_000);
afterAll(() => database.close());

const col = (name: (typeof RECON_COLUMNS)[number]) => RECON_COLUMNS.indexOf(name);

describe("recon file ↔ price list", () => {
  it("joins every line of a seeded period to the price list on ProductId + SkuId + MeterId", async () => {
    const operator = await database.prisma.user.findUniqueOrThrow({ where: { email: DEMO_OPERATOR_EMAIL }, select: { id: true } });
    const scope = await resolvePartnerScope(database.prisma, { userId: operator.id });
    if (!scope) throw new Error("no operator scope");
    const query = await resolveReconQuery(database.sql, scope, { period: PERIOD, from: DAY, to: DAY });
    const file = await new Response(chooseReconWriter(database.sql).write(query, "modern")).text();
    const [header, ...lines] = parse(file) as string[][];
    expect(header).toEqual([...RECON_COLUMNS]);
    expect(lines.length).toBeGreaterThan(0);

    // The price list's keys, as a partner's spreadsheet would hold them.
    const { rows } = await database.sql.query<{ key: string }>(
      `SELECT DISTINCT i."productId" || '|' || i."skuId" || '|' || i."meterId"::text AS "key"
         FROM "PriceListItem" i JOIN "PriceListVersion" v ON v."id" = i."versionId" WHERE v."status" = 'PUBLISHED'`,
    );
    const priceKeys = new Set(rows.map((row) => row.key));
    const unmatched = lines.filter((line) => !priceKeys.has(`${line[col("ProductId")]}|${line[col("SkuId")]}|${line[col("MeterId")]}`));
    expect(unmatched.map((line) => line[col("MeterName")])).toEqual([]);
    // Not one constant: the meters' products differ.
    expect(new Set(lines.map((line) => `${line[col("ProductId")]}|${line[col("SkuId")]}`)).size).toBeGreaterThan(1);

    const partnerTenants = new Set(DEMO_PARTNER_LIST.map((partner) => partner.directoryTenantId));
    for (const line of lines) {
      expect(partnerTenants.has(line[col("PartnerId")])).toBe(true);
      expect(line[col("CustomerId")]).toMatch(GUID);
      expect(line[col("EntitlementId")]).toMatch(GUID);
      expect(line[col("SubscriptionId")]).toMatch(GUID);
      expect(line[col("SubscriptionId")]).not.toBe(line[col("EntitlementId")]);
      const eventDateTime = JSON.parse(line[col("AdditionalInfo")])["azureStack.EventDateTime"] as string;
      expect(eventDateTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:00:00\.000Z$/);
    }
  });
});
