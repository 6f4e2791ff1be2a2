// The two ReconWriter engines give the SAME BYTES: PostgreSQL's COPY with every cell formatted in
// SQL (CopyReconWriter, recon-csv-sql.ts) and the JS mapping + csv-stringify (JsReconWriter, PGlite's path), for both
// column sets, over tricky values: quotes, commas, newlines, formula starts (= + - @ tab CR),
// JSON-hostile locations, tiny and huge quantities, unpriced, re-dated and unregistered-tenant
// lines, a reseller's Tier2MpnId. On PGlite (no COPY streaming) the SQL cells are still checked
// through a plain query + csv-stringify; the COPY byte test runs with TEST_DATABASE_URL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import Decimal from "decimal.js";
import { createTestDatabase } from "./support/test-database";
import { makeWorld, type World } from "./support/world";
import { makeRegistration } from "./support/registration-fixtures";
import { makeApssSubscription } from "./support/factories";
import { LOCAL_BASE_VM, RECON_METERS, insertRatedLines } from "./support/recon-fixtures";
import type { Database } from "../lib/database/open-database";
import type { PartnerScope } from "../lib/auth/partner-scope";
import { RECON_COLUMNS } from "../lib/recon/recon-line";
import { LEGACY_RECON_COLUMNS } from "../lib/recon/legacy-recon-line";
import { reconCopySql, reconCsvSelect } from "../lib/recon/recon-csv-sql";
import type { ReconFormat } from "../lib/recon/recon-formats";
import { resolveReconQuery } from "../lib/recon/recon-source";
import { JsReconWriter } from "../lib/recon/js-recon-writer";
import { unescapeCopyText } from "../lib/recon/copy-recon-writer";
import { chooseReconWriter } from "../lib/recon/choose-recon-writer";
import { reconTotals } from "../lib/billing/recon-totals";

let database: Database;
let world: World;
const PERIOD = "2026-10";

const TRICKY_NAMES = {
  distributor: `-North, "wind" Distribution`,
  resellerA: `=HYPERLINK("http://evil"), Inc.`,
  resellerACustomer: `@SUM(A1:A9) "Quoted", Ltd`,
  resellerBCustomer: "Line one\nLine two\r\nLine three",
  directCustomer: "+1 Plus; Semi",
  subscription: '\tTabbed, "sub"',
};

interface LineSpec {
  subscriptionId: string;
  quantity: string;
  unitPrice: string | null;
  usageDate: string;
  eventDate?: string;
  resourceUri?: string;
  location?: string | null;
  localSubscriptionId?: string;
  unregistered?: boolean;
  /** The first original hour (RatedUsageLine.eventStart) and the resource's tags (jsonb text). */
  eventStart?: string;
  tags?: string;
}

/** The distributor's directory tenant: PartnerId of its lines, CustomerId of its own default subscription's. */
const DISTRIBUTOR_TENANT = "0e195b37-4574-4539-bc42-0e539b9684c0";

async function insertLine(registrationId: string, spec: LineSpec, index: number) {
  await database.sql.query(
    `INSERT INTO "RatedUsageLine" ("registrationId","azureSubscriptionId","commerceMeterId","resourceUri","usageDate","eventDate",
       "localMeterId","localSubscriptionId","unregisteredTenant","location","quantity","market","currency","unitPrice","eventStart","tags")
     VALUES ($1, $2::uuid, $3::uuid, $4, $5::date, $6::date, $7::uuid, $8, $9, $10, $11::numeric, 'US', $12, $13::numeric, $14::timestamptz, $15::jsonb)`,
    [
      registrationId,
      spec.subscriptionId,
      index % 2 ? RECON_METERS.vm : RECON_METERS.blockBlob,
      spec.resourceUri ?? `/subscriptions/t/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/tricky-${index}`,
      spec.usageDate,
      spec.eventDate ?? spec.usageDate,
      LOCAL_BASE_VM,
      spec.localSubscriptionId ?? `local-${index}`,
      spec.unregistered ?? false,
      spec.location === undefined ? "local" : spec.location,
      spec.quantity,
      spec.unitPrice === null ? null : "USD",
      spec.unitPrice,
      spec.eventStart ?? null,
      spec.tags ?? null,
    ],
  );
}

beforeAll(async () => {
  database = await createTestDatabase();
  world = await makeWorld(database.prisma);
  const { prisma, sql } = database;
  const c = world.customers;
  await prisma.partner.update({
    where: { id: world.partners.distributor.id },
    data: { name: TRICKY_NAMES.distributor, directoryTenantId: DISTRIBUTOR_TENANT },
  });
  await insertTrickyProduct(prisma);
  await prisma.partner.update({ where: { id: world.partners.resellerA.id }, data: { name: TRICKY_NAMES.resellerA } });
  await prisma.customer.update({ where: { id: c.resellerA.customer.id }, data: { companyName: TRICKY_NAMES.resellerACustomer, domain: "-minus.example" } });
  await prisma.customer.update({ where: { id: c.resellerB.customer.id }, data: { companyName: TRICKY_NAMES.resellerBCustomer } });
  await prisma.customer.update({ where: { id: c.direct.customer.id }, data: { companyName: TRICKY_NAMES.directCustomer } });
  await prisma.azureSubscription.update({ where: { id: c.resellerB.subscription.id }, data: { displayName: TRICKY_NAMES.subscription } });

  const apss = await makeApssSubscription(prisma, world.partners.distributor.id);
  const dist = await makeRegistration(prisma, { partnerId: world.partners.distributor.id, subscriptionId: apss.id });
  const direct = await makeRegistration(prisma, { partnerId: world.partners.direct.id, subscriptionId: c.direct.subscription.id });
  const specs: LineSpec[] = [
    // huge: numeric(28,10) quantity × numeric(24,10) price, far beyond 20 significant digits
    { subscriptionId: c.resellerA.subscription.id, quantity: "123456789012345678.1234567891", unitPrice: "99999999999999.9999999999", usageDate: "2026-10-03" },
    { subscriptionId: c.resellerA.subscription.id, quantity: "0.0000000001", unitPrice: "0.0000000001", usageDate: "2026-10-03" },
    { subscriptionId: c.resellerA.subscription.id, quantity: "0.9999999999", unitPrice: "0.0100000000", usageDate: "2026-10-04" },
    { subscriptionId: c.resellerA.subscription.id, quantity: "100.0000000000", unitPrice: "1.0000000000", usageDate: "2026-10-31" },
    { subscriptionId: c.resellerB.subscription.id, quantity: "5", unitPrice: null, usageDate: "2026-10-05" },
    // re-dated: the original day (eventDate) differs from the usage day
    { subscriptionId: c.resellerB.subscription.id, quantity: "2.5", unitPrice: "0.046", usageDate: "2026-10-06", eventDate: "2026-10-02" },
    {
      subscriptionId: c.distributor.subscription.id,
      quantity: "3.333",
      unitPrice: "0.046",
      usageDate: "2026-10-07",
      resourceUri: `=cmd|' /C calc'!A0,/subscriptions/x/resourceGroups/RG "q",1/PROVIDERS/Microsoft.Web/sites/a\nb`,
      location: `lo"c\\al\n\t\u0001é`,
      localSubscriptionId: "-local, sub",
    },
    {
      subscriptionId: c.distributor.subscription.id,
      quantity: "1",
      unitPrice: "0.5",
      usageDate: "2026-10-08",
      resourceUri: "+no-providers-here",
      location: null,
    },
    // unregistered tenant on the distributor's own default subscription (no customer)
    { subscriptionId: apss.id, quantity: "7.77", unitPrice: "1.5", usageDate: "2026-10-09", unregistered: true, localSubscriptionId: "@tenant-sub" },
    { subscriptionId: c.resellerA.subscription.id, quantity: "1", unitPrice: "1", usageDate: "2026-11-01" }, // next period: never in October
    // the original hour and the resource's tags (quotes, commas, non-ASCII, a formula start, a non-string value)
    {
      subscriptionId: c.resellerA.subscription.id,
      quantity: "1",
      unitPrice: "0.5",
      usageDate: "2026-10-12",
      eventStart: "2026-10-12T01:00:00Z",
      tags: `{"env": "prod", "owner": "=cmd \\"x\\", y", "zone": "é\\u0001", "n": 5}`,
    },
    {
      subscriptionId: c.resellerB.subscription.id,
      quantity: "2",
      unitPrice: "0.5",
      usageDate: "2026-10-14",
      eventDate: "2026-10-09",
      eventStart: "2026-10-09T17:00:00.123Z",
      tags: "{}",
    },
    // a negative correction: FLOOR, not truncation (-0.10787 → -0.11)
    { subscriptionId: c.resellerA.subscription.id, quantity: "-2.345", unitPrice: "0.046", usageDate: "2026-10-10" },
    // URIs just off the canonical shape: the first match of each keyword (any case) wins, as in JS
    {
      subscriptionId: c.direct.subscription.id,
      quantity: "1",
      unitPrice: "1",
      usageDate: "2026-10-11",
      resourceUri: "/subscriptions/x/resourceGroups/Providers/providers/Microsoft.Foo/a",
    },
    {
      subscriptionId: c.direct.subscription.id,
      quantity: "1",
      unitPrice: "1",
      usageDate: "2026-10-11",
      resourceUri: "/subscriptions/RESOURCEGROUPS/resourceGroups/rg/providers/P/a",
    },
    {
      subscriptionId: c.direct.subscription.id,
      quantity: "1",
      unitPrice: "1",
      usageDate: "2026-10-11",
      resourceUri: "/subscriptions/x/resourceGroups//providers//resourceGroups/rg2/providers/-Ns/a",
    },
    {
      subscriptionId: c.direct.subscription.id,
      quantity: "1",
      unitPrice: "1",
      usageDate: "2026-10-11",
      resourceUri: "/subscriptions/x/resourceGroups/@rg/providers/=Ns",
    },
  ];
  for (const [index, spec] of specs.entries()) await insertLine(index % 2 ? dist.id : direct.id, spec, index);
  await insertRatedLines(sql, { registrationId: dist.id, subscriptionId: c.resellerB.subscription.id, count: 300, firstDay: "2026-10-01", days: 31 });
  await insertRatedLines(sql, {
    registrationId: direct.id,
    subscriptionId: c.direct.subscription.id,
    count: 200,
    firstDay: "2026-10-01",
    days: 31,
    unitPrice: "0.0079999999",
  });
});
afterAll(() => database.close());

/** A published price list naming the VM meter's product with CSV- and formula-hostile titles. */
async function insertTrickyProduct(prisma: Database["prisma"]) {
  const version = await prisma.priceListVersion.create({
    data: { effectiveFrom: new Date("2026-01-01T00:00:00Z"), status: "PUBLISHED", sourceFileName: "tricky.csv", publishedAt: new Date() },
    select: { id: true },
  });
  await prisma.priceListItem.create({
    data: {
      versionId: version.id,
      sourceLine: 2,
      productId: "DZH318Z0BQ3Q",
      productTitle: "Azure Stack Hub, VM",
      skuId: "0001",
      skuTitle: `=Tricky, "SKU"`,
      publisher: "",
      skuDescription: "",
      unitOfMeasure: "1 Hour",
      termDuration: "",
      market: "US",
      currency: "USD",
      unitPrice: "0.008",
      effectiveStartDate: new Date("2026-01-01T00:00:00Z"),
      meterId: RECON_METERS.vm,
      meterIds: RECON_METERS.vm,
      meterType: "",
      meterName: "VM",
      meterCategory: "Virtual Machines",
      meterSubCategory: "",
      region: "Azure Stack",
      tags: "",
      searchWords: [],
    },
  });
}

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

async function queryFor(scope: PartnerScope, params: Record<string, string> = {}) {
  return resolveReconQuery(database.sql, scope, { period: PERIOD, ...params });
}

const scopes = async (): Promise<[string, PartnerScope][]> => [
  ["operator", await world.operatorScope()],
  ["distributor", await world.scope("distributor", "ADMIN_AGENT")],
  ["resellerA", await world.scope("resellerA", "BILLING_ADMIN")],
  ["direct", await world.scope("direct", "BILLING_ADMIN")],
];
const FORMATS: ReconFormat[] = ["modern", "legacy"];

describe("SQL-formatted lines (both drivers)", () => {
  it("after the header, equal the JS path byte for byte", async () => {
    for (const [label, scope] of await scopes()) {
      for (const format of FORMATS) {
        const query = await queryFor(scope);
        const expected = await text(new JsReconWriter(database.sql, 3).write(query, format));
        const header = format === "legacy" ? LEGACY_RECON_COLUMNS : RECON_COLUMNS;
        // With the value maps (currency, local subscription, location) and with their per-line fallbacks.
        for (const valueHints of [true, false]) {
          const { rows } = await database.sql.query<{ line: string }>(reconCsvSelect(query, format, { valueHints }));
          const actual = stringify([[...header]]) + rows.map((row) => `${row.line}\n`).join("");
          expect({ label, format, valueHints, csv: actual }).toEqual({ label, format, valueHints, csv: expected });
        }
      }
    }
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)("COPY on PostgreSQL", () => {
  it("streams exactly the bytes of the JS path, for every scope and both column sets", async () => {
    expect(database.sql.copyTo).toBeTypeOf("function");
    for (const [label, scope] of await scopes()) {
      for (const format of FORMATS) {
        const query = await queryFor(scope);
        const expected = await text(new JsReconWriter(database.sql, 4).write(query, format));
        const copied = await text(chooseReconWriter(database.sql).write(query, format));
        expect(copied.length).toBeGreaterThan(1000);
        expect({ label, format, csv: copied }).toEqual({ label, format, csv: expected });
      }
    }
    const filtered = await queryFor(await world.scope("distributor", "ADMIN_AGENT"), {
      customerId: world.customers.resellerB.customer.id,
      from: "2026-10-05",
      to: "2026-10-06",
    });
    expect(await text(chooseReconWriter(database.sql).write(filtered))).toBe(await text(new JsReconWriter(database.sql).write(filtered)));
  });
  it("a cancelled COPY gives its connection up and the pool keeps working", async () => {
    const query = await queryFor(await world.operatorScope());
    for (let i = 0; i < 12; i++) {
      const reader = chooseReconWriter(database.sql).write(query).getReader();
      await reader.read();
      await reader.cancel();
    }
    const { rows } = await database.sql.query<{ n: number }>("SELECT 1 AS n");
    expect(rows[0].n).toBe(1);
  });
  it("a failing COPY errors the stream instead of hanging", async () => {
    const stream = database.sql.copyTo?.(`COPY (SELECT 1/0) TO STDOUT WITH (FORMAT csv)`);
    await expect(text(stream as ReadableStream<Uint8Array>)).rejects.toThrow(/division by zero/);
    expect(reconCopySql(await queryFor(await world.operatorScope()))).toMatch(/^COPY \(WITH sx AS MATERIALIZED /);
  });
});

describe("tricky values", () => {
  it("are neutralised, quoted and rounded once per line; re-dated lines keep their original day", async () => {
    const query = await queryFor(await world.operatorScope());
    const rows = parse(await text(chooseReconWriter(database.sql).write(query))) as string[][];
    const col = (name: (typeof RECON_COLUMNS)[number]) => RECON_COLUMNS.indexOf(name);
    const names = new Set(rows.slice(1).map((r) => r[col("CustomerName")]));
    expect(names).toContain(`'${TRICKY_NAMES.resellerACustomer}`);
    expect(names).toContain(TRICKY_NAMES.resellerBCustomer);
    expect(names).toContain(`'${TRICKY_NAMES.directCustomer}`);
    expect(names).toContain(`'${TRICKY_NAMES.distributor}`); // the default subscription's lines name the partner
    const huge = rows.find((r) => r[col("Quantity")] === "123456789012345678.1234567891");
    const Exact = Decimal.clone({ precision: 100 });
    expect(huge?.[col("BillingPreTaxTotal")]).toBe(
      new Exact("123456789012345678.1234567891").times("99999999999999.9999999999").toDecimalPlaces(2, Decimal.ROUND_FLOOR).toFixed(2),
    );
    expect(huge?.[col("Tier2MpnId")]).toBe(world.partners.resellerA.mpnId);
    expect(rows.find((r) => r[col("Quantity")] === "0.0000000001")?.[col("BillingPreTaxTotal")]).toBe("0.00");
    expect(rows.find((r) => r[col("Quantity")] === "0.9999999999")?.[col("BillingPreTaxTotal")]).toBe("0.00");
    const redated = rows.find((r) => r[col("UsageDate")] === "2026-10-06" && r[col("Quantity")] === "2.5");
    expect(JSON.parse(redated?.[col("AdditionalInfo")] ?? "{}")["azureStack.EventDateTime"]).toBe("2026-10-02T00:00:00.000Z");
    const hostile = rows.find((r) => r[col("ResourceURI")].startsWith("'=cmd"));
    expect(JSON.parse(hostile?.[col("AdditionalInfo")] ?? "{}")["azureStack.Location"]).toBe(`lo"c\\al\n\t\u0001é`);
    expect(hostile?.[col("ConsumedService")]).toBe("Microsoft.Web");
    expect(hostile?.[col("ResourceGroup")]).toBe(`RG "q",1`);
    const unregistered = rows.find((r) => r[col("Quantity")] === "7.77");
    expect(unregistered?.[col("CustomerId")]).toBe(DISTRIBUTOR_TENANT);
    expect(unregistered?.[col("PartnerId")]).toBe(DISTRIBUTOR_TENANT);
    const tagged = rows.find((r) => r[col("UsageDate")] === "2026-10-12");
    expect(JSON.parse(tagged?.[col("Tags")] ?? "")).toEqual({ env: "prod", owner: '=cmd "x", y', zone: "é\u0001", n: 5 });
    expect(JSON.parse(tagged?.[col("AdditionalInfo")] ?? "{}")["azureStack.EventDateTime"]).toBe("2026-10-12T01:00:00.000Z");
    const late = rows.find((r) => r[col("UsageDate")] === "2026-10-14");
    expect(late?.[col("Tags")]).toBe("");
    expect(JSON.parse(late?.[col("AdditionalInfo")] ?? "{}")["azureStack.EventDateTime"]).toBe("2026-10-09T17:00:00.123Z");
    const vmLine = rows.find((r) => r[col("MeterId")] === RECON_METERS.vm);
    expect(vmLine?.[col("SkuName")]).toBe(`'=Tricky, "SKU"`);
    expect(vmLine?.[col("ProductId")]).toBe("DZH318Z0BQ3Q");
    expect(rows.find((r) => r[col("UnitPrice")] === "" && r[col("Quantity")] === "5")?.[col("BillingPreTaxTotal")]).toBe("0.00");
  });
  it("both column sets and the page totals agree to the cent", async () => {
    for (const [, scope] of await scopes()) {
      const query = await queryFor(scope);
      const modern = parse(await text(chooseReconWriter(database.sql).write(query, "modern"))) as string[][];
      const legacy = parse(await text(chooseReconWriter(database.sql).write(query, "legacy"))) as string[][];
      expect(legacy[0]).toEqual([...LEGACY_RECON_COLUMNS]);
      expect(legacy).toHaveLength(modern.length);
      const Exact = Decimal.clone({ precision: 100 }); // the huge line needs more than 20 digits
      const sumOf = (rows: string[][], index: number) => rows.slice(1).reduce((acc, r) => acc.plus(r[index]), new Exact(0));
      const modernTotal = sumOf(modern, RECON_COLUMNS.indexOf("BillingPreTaxTotal"));
      // Legacy PretaxCharges: each line's price × quantity rounded to the nearest cent, not FLOORed.
      const m = (name: (typeof RECON_COLUMNS)[number]) => RECON_COLUMNS.indexOf(name);
      const rounded = modern.slice(1).map((r) => {
        const charge = new Exact(r[m("UnitPrice")] || 0).times(r[m("Quantity")]).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
        return charge.isZero() ? "0.00" : charge.toFixed(2);
      });
      expect(legacy.slice(1).map((r) => r[LEGACY_RECON_COLUMNS.indexOf("PretaxCharges")])).toEqual(rounded);
      const totals = await reconTotals(database.sql, query);
      expect(totals.total.toFixed(2)).toBe(modernTotal.toFixed(2));
      expect(totals.lines).toBe(modern.length - 1);
    }
  });
});

// Keys of RatedUsageMonthly whose total or line count differ from the lines' own month sums (FLOOR per line).
async function monthlyMismatches(): Promise<number> {
  const { rows } = await database.sql.query<{ n: number }>(`
    WITH l AS (SELECT date_trunc('month', "usageDate"::timestamp)::date AS "period", "azureSubscriptionId", "registrationId", "localSubscriptionId",
                      "unregisteredTenant", COALESCE("currency", '') AS "currency", count(*)::int AS "lines",
                      sum((COALESCE(floor("unitPrice" * "quantity" * 100), 0) * 0.01)::numeric(40,2)) AS "total"
                 FROM "RatedUsageLine" GROUP BY 1, 2, 3, 4, 5, 6)
    SELECT count(*)::int AS n FROM l FULL JOIN "RatedUsageMonthly" m USING ("period", "azureSubscriptionId", "registrationId", "localSubscriptionId", "unregisteredTenant", "currency")
     WHERE l."total" IS DISTINCT FROM m."total" OR l."lines" IS DISTINCT FROM m."lines"`);
  return rows[0].n;
}

describe("RatedUsageDaily and RatedUsageMonthly (the rollups the totals read)", () => {
  it("follow inserts, upserts, updates (incl. moving a line to another day or month) and deletes of rated lines", async () => {
    const scope = await world.operatorScope();
    const check = async () => {
      const query = await queryFor(scope);
      const rows = parse(await text(chooseReconWriter(database.sql).write(query))) as string[][];
      const Exact = Decimal.clone({ precision: 100 });
      const index = RECON_COLUMNS.indexOf("BillingPreTaxTotal");
      const fileTotal = rows.slice(1).reduce((acc, r) => acc.plus(r[index]), new Exact(0));
      const totals = await reconTotals(database.sql, query);
      expect(totals.total.toFixed(2)).toBe(fileTotal.toFixed(2));
      expect(totals.lines).toBe(rows.length - 1);
      // The whole period reads RatedUsageMonthly; a from/to inside it reads RatedUsageDaily: same sums.
      const halves = [await reconTotals(database.sql, { ...query, to: "2026-10-15" }), await reconTotals(database.sql, { ...query, from: "2026-10-16" })];
      expect(new Exact(halves[0].total.toString()).plus(halves[1].total.toString()).toFixed(2)).toBe(totals.total.toFixed(2));
      const cells = (await reconTotals(database.sql, query, { daily: true })).daily;
      expect(cells.reduce((acc, c) => acc.plus(c.total.toString()), new Exact(0)).toFixed(2)).toBe(totals.total.toFixed(2));
      expect(await monthlyMismatches()).toBe(0);
      return totals;
    };
    const before = await check();
    await database.sql.query(`UPDATE "RatedUsageLine" SET "quantity" = "quantity" * 3 WHERE "id" % 5 = 0`);
    await database.sql.query(`UPDATE "RatedUsageLine" SET "usageDate" = '2026-10-20', "unitPrice" = NULL WHERE "id" % 7 = 0 AND "usageDate" < '2026-10-20'`);
    await database.sql.query(`UPDATE "RatedUsageLine" SET "usageDate" = '2026-09-30' WHERE "id" % 11 = 0`);
    await database.sql.query(`UPDATE "RatedUsageLine" SET "usageDate" = '2026-10-02' WHERE "id" % 11 = 0 AND "id" % 2 = 0`);
    // rating's shape: INSERT … ON CONFLICT DO UPDATE (an insert and an update statement trigger)
    await database.sql.query(
      `INSERT INTO "RatedUsageLine" ("registrationId","azureSubscriptionId","commerceMeterId","resourceUri","usageDate","eventDate",
         "localMeterId","localSubscriptionId","unregisteredTenant","location","quantity","market","currency","unitPrice")
       SELECT "registrationId","azureSubscriptionId","commerceMeterId","resourceUri","usageDate","eventDate","localMeterId",
              CASE WHEN "id" % 2 = 0 THEN "localSubscriptionId" ELSE "localSubscriptionId" || '-new' END,
              "unregisteredTenant","location",0.3333333333,"market","currency","unitPrice"
         FROM "RatedUsageLine" WHERE "id" % 3 = 0
       ON CONFLICT ("registrationId","azureSubscriptionId","commerceMeterId","resourceUri","usageDate","eventDate","localSubscriptionId")
       DO UPDATE SET "quantity" = "RatedUsageLine"."quantity" + EXCLUDED."quantity"`,
    );
    const updated = await check();
    expect(updated.total.equals(before.total)).toBe(false);
    await database.sql.query(`DELETE FROM "RatedUsageLine" WHERE "id" % 4 = 0`);
    const deleted = await check();
    expect(deleted.lines).toBeLessThan(updated.lines);
    for (const table of ["RatedUsageDaily", "RatedUsageMonthly"]) {
      const { rows } = await database.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}" WHERE "lines" <= 0`);
      expect(rows[0].n).toBe(0);
    }
  });
});

describe("unescapeCopyText (COPY text format → bytes)", () => {
  it("undoes every escape COPY writes, wherever the chunks are cut", () => {
    const original = 'a\\b\nc\rd\te\bf\fg\vh,"\\\\\n';
    const escaped = original.replace(
      /[\\\n\r\t\b\f\v]/g,
      (ch) => `\\${({ "\\": "\\", "\n": "n", "\r": "r", "\t": "t", "\b": "b", "\f": "f", "\v": "v" } as Record<string, string>)[ch]}`,
    );
    const bytes = new TextEncoder().encode(escaped);
    for (let cut = 0; cut <= bytes.length; cut++) {
      for (const second of [cut, Math.min(bytes.length, cut + 1)]) {
        let pending = false;
        const out: number[] = [];
        for (const chunk of [bytes.subarray(0, cut), bytes.subarray(cut, second), bytes.subarray(second)]) {
          const result = unescapeCopyText(chunk, pending);
          pending = result.pending;
          out.push(...result.bytes);
        }
        expect({ cut, second, text: new TextDecoder().decode(Uint8Array.from(out)), pending }).toEqual({ cut, second, text: original, pending: false });
      }
    }
    const plain = new TextEncoder().encode("no escapes here\n");
    expect(unescapeCopyText(plain, false).bytes).toBe(plain); // passed through, not copied
  });
});
