// Currency conversion (docs/currency.md) with hand-computed figures: a German customer of a direct
// CSP billed in EUR at 0.9234 EUR per USD for 2026-10 (rate determined 2026-09-30), its lines priced
// in USD from the Azure plan price list. Each BillingPreTaxTotal is FLOOR(price × quantity × rate, 2)
// from the exact product (rounded once), which differs from converting the floored USD total:
//   10.5   × 0.046 = 0.483    → USD 0.48,  × 0.9234 = 0.4460022     → EUR 0.44
//   744    × 0.008 = 5.952    → USD 5.95,  × 0.9234 = 5.4960768     → EUR 5.49
//   10.999 × 1     = 10.999   → USD 10.99, × 0.9234 = 10.1564766    → EUR 10.15 (not 10.14 = 10.99 × 0.9234 floored)
//   -2.345 × 0.046 = -0.10787 → USD -0.11, × 0.9234 = -0.0996071580 → EUR -0.10
// EUR total 15.98 (USD 17.31). An unpriced line stays 0 with no currency. The distributor's lines
// (no billing currency set) stay USD at rate 1. Both engines agree byte for byte (PGlite: the SQL
// cells through a query; PostgreSQL: COPY too, with TEST_DATABASE_URL).
import { describe, expect, it, vi } from "vitest";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { withTestWorld } from "./support/with-test-world";
import type { World } from "./support/world";
import { makeRegistration } from "./support/registration-fixtures";
import { LOCAL_BASE_VM, RECON_METERS } from "./support/recon-fixtures";
import type { Database } from "../lib/database/open-database";
import type { PartnerScope } from "../lib/auth/partner-scope";
import { RECON_COLUMNS } from "../lib/recon/recon-line";
import { LEGACY_RECON_COLUMNS } from "../lib/recon/legacy-recon-line";
import { reconCsvSelect } from "../lib/recon/recon-csv-sql";
import { resolveReconQuery } from "../lib/recon/recon-source";
import { JsReconWriter } from "../lib/recon/js-recon-writer";
import { chooseReconWriter } from "../lib/recon/choose-recon-writer";
import { reconTotals } from "../lib/billing/recon-totals";
import { DomainError } from "../lib/errors";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
const { importExchangeRates } = await import("../lib/currency/import-exchange-rates");
const { setBillingCurrency } = await import("../lib/currency/set-billing-currency");
const { reconResponse } = await import("../lib/recon/recon-response");

let database: Database;
let world: World;
const PERIOD = "2026-10";
const RATES_CSV = "Month,PricingCurrency,BillingCurrency,Rate,RateDate\n2026-10,USD,EUR,0.9234,2026-09-30\n2026-10,USD,GBP,0.7712,2026-09-30\n";

withTestWorld(async (context) => {
  ({ database, world } = context);
  const { prisma, sql } = database;
  await prisma.customer.update({ where: { id: world.customers.direct.customer.id }, data: { country: "DE", companyName: "Contoso GmbH" } });
  const direct = await makeRegistration(prisma, { partnerId: world.partners.direct.id, subscriptionId: world.customers.direct.subscription.id });
  const dist = await makeRegistration(prisma, { partnerId: world.partners.distributor.id, subscriptionId: world.customers.distributor.subscription.id });
  const lines: [string, string, string, string | null, string][] = [
    [direct.id, world.customers.direct.subscription.id, "10.5", "0.046", "2026-10-03"],
    [direct.id, world.customers.direct.subscription.id, "744", "0.008", "2026-10-04"],
    [direct.id, world.customers.direct.subscription.id, "10.999", "1", "2026-10-20"],
    [direct.id, world.customers.direct.subscription.id, "-2.345", "0.046", "2026-10-21"],
    [direct.id, world.customers.direct.subscription.id, "5", null, "2026-10-22"],
    [dist.id, world.customers.distributor.subscription.id, "100", "0.046", "2026-10-05"],
  ];
  for (const [index, [registrationId, subscriptionId, quantity, unitPrice, day]] of lines.entries()) {
    await sql.query(
      `INSERT INTO "RatedUsageLine" ("registrationId","azureSubscriptionId","commerceMeterId","resourceUri","usageDate","eventDate",
         "localMeterId","localSubscriptionId","unregisteredTenant","location","quantity","market","currency","unitPrice")
       VALUES ($1, $2::uuid, $3::uuid, $4, $5::date, $5::date, $6::uuid, 'local-sub', false, 'local', $7::numeric, 'US', $8, $9::numeric)`,
      [
        registrationId,
        subscriptionId,
        RECON_METERS.vm,
        `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm${index}`,
        day,
        LOCAL_BASE_VM,
        quantity,
        unitPrice === null ? null : "USD",
        unitPrice,
      ],
    );
  }
});

const text = (stream: ReadableStream<Uint8Array>) => new Response(stream).text();
const queryFor = (scope: PartnerScope, params: Record<string, string> = {}) => resolveReconQuery(database.sql, scope, { period: PERIOD, ...params });
const directAdmin = () => world.scope("direct", "ADMIN_AGENT");
const col = (name: (typeof RECON_COLUMNS)[number]) => RECON_COLUMNS.indexOf(name);

async function fileRows(scope: PartnerScope, format: "modern" | "legacy" = "modern"): Promise<string[][]> {
  return parse(await text(chooseReconWriter(database.sql).write(await queryFor(scope), format))) as string[][];
}

describe("a German customer billed in EUR", () => {
  it("without the month's rate: a clear ExchangeRateMissing error (422) for the file and the totals", async () => {
    await setBillingCurrency(await directAdmin(), { billingCurrency: "EUR" });
    const error = await queryFor(await directAdmin()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: "ExchangeRateMissing", status: 422 });
    expect((error as Error).message).toContain("No exchange rate for 2026-10: USD→EUR for");
    // The download answers 422 with the code and the message, never a 500 or a file at a made-up rate.
    const response = await reconResponse(new Request(`http://localhost/api/billing/recon?period=${PERIOD}`), directAdmin);
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: "ExchangeRateMissing", message: expect.stringContaining("USD→EUR") } });
    // The distributor (no billing currency set) is not concerned.
    expect((await queryFor(await world.scope("distributor", "BILLING_ADMIN"))).conversions).toEqual({});
  });

  it("recon lines carry the pricing and billing sides, each billing amount rounded once, to the cent", async () => {
    const result = await importExchangeRates(await directAdmin(), RATES_CSV);
    expect(result).toEqual({ imported: 2, months: ["2026-10"], replaced: 0 });
    const stored = await database.sql.query<{ rate: string }>(`SELECT "rate"::text AS rate FROM "ExchangeRate" WHERE "billingCurrency" = 'EUR'`);
    expect(stored.rows).toEqual([{ rate: "0.9234000000" }]);

    const rows = await fileRows(await directAdmin());
    const pick = (r: string[]) =>
      [
        "Quantity",
        "CustomerCountry",
        "PricingPreTaxTotal",
        "PricingCurrency",
        "BillingPreTaxTotal",
        "BillingCurrency",
        "PCToBCExchangeRate",
        "PCToBCExchangeRateDate",
      ].map((name) => r[col(name as (typeof RECON_COLUMNS)[number])]);
    expect(rows.slice(1).map(pick)).toEqual([
      ["10.5", "DE", "0.48", "USD", "0.44", "EUR", "0.9234", "2026-09-30"],
      ["744", "DE", "5.95", "USD", "5.49", "EUR", "0.9234", "2026-09-30"],
      ["10.999", "DE", "10.99", "USD", "10.15", "EUR", "0.9234", "2026-09-30"],
      ["-2.345", "DE", "-0.11", "USD", "-0.10", "EUR", "0.9234", "2026-09-30"],
      ["5", "DE", "0.00", "", "0.00", "", "1", "2026-10-01"],
    ]);
    const legacy = await fileRows(await directAdmin(), "legacy");
    const legacyCol = (name: (typeof LEGACY_RECON_COLUMNS)[number]) => LEGACY_RECON_COLUMNS.indexOf(name);
    // The legacy PretaxCharges rounds the same converted amounts to the nearest cent, as documented:
    // 0.4460022 → 0.45, 5.4960768 → 5.50, 10.1564766 → 10.16.
    expect(legacy.slice(1).map((r) => [r[legacyCol("PretaxCharges")], r[legacyCol("Currency")]])).toEqual([
      ["0.45", "EUR"],
      ["5.50", "EUR"],
      ["10.16", "EUR"],
      ["-0.10", "EUR"],
      ["0.00", ""],
    ]);
  });

  it("the page totals are the sums of the billing amounts: EUR 15.98, whole period, halves and day cells", async () => {
    const query = await queryFor(await directAdmin());
    const totals = await reconTotals(database.sql, query, { daily: true });
    expect({ currency: totals.currency, total: totals.total.toFixed(2), lines: totals.lines }).toEqual({ currency: "EUR", total: "15.98", lines: 5 });
    expect(totals.customers.map((c) => [c.name, c.total.toFixed(2)])).toEqual([["Contoso GmbH", "15.98"]]);
    expect(totals.daily.map((d) => [d.day, d.total.toFixed(2)])).toEqual([
      ["2026-10-03", "0.44"],
      ["2026-10-04", "5.49"],
      ["2026-10-20", "10.15"],
      ["2026-10-21", "-0.10"],
      ["2026-10-22", "0.00"],
    ]);
    const firstHalf = await reconTotals(database.sql, { ...query, to: "2026-10-15" });
    expect(firstHalf.total.toFixed(2)).toBe("5.93");
    const distributor = await reconTotals(database.sql, await queryFor(await world.scope("distributor", "BILLING_ADMIN")));
    expect({ currency: distributor.currency, total: distributor.total.toFixed(2) }).toEqual({ currency: "USD", total: "4.60" });
  });

  it("both engines write the same bytes, for the converting partner, the operator and both column sets", async () => {
    for (const scope of [await directAdmin(), await world.operatorScope(), await world.scope("distributor", "ADMIN_AGENT")]) {
      for (const format of ["modern", "legacy"] as const) {
        const query = await queryFor(scope);
        const expected = await text(new JsReconWriter(database.sql, 2).write(query, format));
        const header = format === "legacy" ? LEGACY_RECON_COLUMNS : RECON_COLUMNS;
        const { rows } = await database.sql.query<{ line: string }>(reconCsvSelect(query, format));
        expect(stringify([[...header]]) + rows.map((row) => `${row.line}\n`).join("")).toBe(expected);
        expect(await text(chooseReconWriter(database.sql).write(query, format))).toBe(expected);
      }
    }
  });

  it("re-importing the month replaces its rates (audited with what it replaced)", async () => {
    const result = await importExchangeRates(await directAdmin(), "Month,PricingCurrency,BillingCurrency,Rate\n2026-10,USD,EUR,1.5\n");
    expect(result).toEqual({ imported: 1, months: ["2026-10"], replaced: 2 });
    const rows = await fileRows(await directAdmin());
    // 10.999 × 1.5 = 16.4985 → 16.49; no RateDate column: the month's first day.
    expect(rows.find((r) => r[col("Quantity")] === "10.999")?.slice(col("PCToBCExchangeRate"), col("PCToBCExchangeRateDate") + 1)).toEqual([
      "1.5",
      "2026-10-01",
    ]);
    expect(rows.find((r) => r[col("Quantity")] === "10.999")?.[col("BillingPreTaxTotal")]).toBe("16.49");
    const events = await database.prisma.auditEvent.findMany({
      where: { action: "exchangeRate.import", partnerId: world.partners.direct.id },
      select: { targetId: true, before: true, after: true },
      orderBy: { createdAt: "asc" },
    });
    expect(events).toHaveLength(2);
    expect(events[1]).toEqual({
      targetId: "2026-10",
      before: ["2026-10 USD→EUR 0.9234 (2026-09-30)", "2026-10 USD→GBP 0.7712 (2026-09-30)"],
      after: ["2026-10 USD→EUR 1.5 (2026-10-01)"],
    });
    expect(await database.prisma.auditEvent.count({ where: { action: "partner.billingCurrency.set", partnerId: world.partners.direct.id } })).toBe(1);
  });
});
