// Isolation rule: exchange rates and the billing currency belong to the partner Microsoft bills (a
// direct CSP or a distributor). A reseller (any role) can't import or alter them — neither its
// distributor's nor any of its own — nor can an operator, a sales agent or another partner; a
// billing partner's import never touches another partner's rates.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { testSession } from "./support/mock-session";
import type { World } from "./support/world";
import type { Database } from "../lib/database/open-database";
import { withTestWorld } from "./support/with-test-world";
import { makeCustomerReader } from "./support/customer-reader-fixtures";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("../lib/auth/get-scope", async () => (await import("./support/mock-session")).mockGetScopeModule());

const { importExchangeRatesAction, setBillingCurrencyAction } = await import("../lib/currency/actions");
const { getCurrencySettings } = await import("../lib/currency/get-currency-settings");

let database: Database;
let world: World;
const CSV = "Month,PricingCurrency,BillingCurrency,Rate\n2026-10,USD,EUR,0.9\n";

withTestWorld((context) => ({ database, world } = context), { resetSession: true });

const rates = () =>
  database.prisma.exchangeRate
    .findMany({ select: { partnerId: true, billingCurrency: true, rate: true }, orderBy: { partnerId: "asc" } })
    .then((rows) => rows.map((row) => ({ ...row, rate: row.rate.toFixed() })));

beforeAll(async () => {
  testSession.scope = await world.scope("distributor", "BILLING_ADMIN");
  expect(await importExchangeRatesAction({ csv: CSV })).toMatchObject({ ok: true, data: { imported: 1 } });
  testSession.scope = null;
});

describe("reseller cannot import or alter exchange rates", () => {
  it("refuses a reseller's admin and billing admin (NotBillingPartner, 403) and changes nothing", async () => {
    const before = await rates();
    for (const role of ["ADMIN_AGENT", "BILLING_ADMIN"] as const) {
      testSession.scope = await world.scope("resellerA", role);
      expect(await importExchangeRatesAction({ csv: "Month,PricingCurrency,BillingCurrency,Rate\n2026-10,USD,EUR,5\n" })).toMatchObject({
        ok: false,
        error: { code: "NotBillingPartner" },
      });
    }
    testSession.scope = await world.scope("resellerA", "ADMIN_AGENT");
    expect(await setBillingCurrencyAction({ billingCurrency: "GBP" })).toMatchObject({ ok: false, error: { code: "NotBillingPartner" } });
    expect(await rates()).toEqual(before);
    const partners = await database.prisma.partner.findMany({
      where: { id: { in: [world.partners.resellerA.id, world.partners.distributor.id] } },
      select: { billingCurrency: true },
    });
    expect(partners.map((p) => p.billingCurrency)).toEqual([null, null]);
  });

  it("lets a reseller read its distributor's rates, read-only", async () => {
    const settings = await getCurrencySettings(await world.scope("resellerA", "BILLING_ADMIN"));
    expect(settings).toMatchObject({ billingPartnerName: world.partners.distributor.name, canImportRates: false, canSetBillingCurrency: false });
    expect(settings?.rates.map((r) => [r.month, r.billingCurrency, r.rate])).toEqual([["2026-10", "EUR", "0.9"]]);
  });

  it("refuses sales agents and operators; a billing admin can't set the billing currency", async () => {
    testSession.scope = await world.scope("distributor", "SALES_AGENT");
    expect(await importExchangeRatesAction({ csv: CSV })).toMatchObject({ ok: false, error: { code: "Forbidden" } });
    testSession.scope = await world.operatorScope();
    expect(await importExchangeRatesAction({ csv: CSV })).toMatchObject({ ok: false, error: { code: "Forbidden" } });
    testSession.scope = await world.scope("distributor", "BILLING_ADMIN");
    expect(await setBillingCurrencyAction({ billingCurrency: "EUR" })).toMatchObject({ ok: false, error: { code: "Forbidden" } });
  });

  it("another billing partner's import and setting touch only its own rows", async () => {
    testSession.scope = await world.scope("direct", "ADMIN_AGENT");
    expect(await importExchangeRatesAction({ csv: "Month,PricingCurrency,BillingCurrency,Rate\n2026-10,USD,EUR,0.95\n" })).toMatchObject({ ok: true });
    expect(await setBillingCurrencyAction({ billingCurrency: "EUR" })).toMatchObject({ ok: true, data: { billingCurrency: "EUR" } });
    const byPartner = Object.fromEntries((await rates()).map((r) => [r.partnerId, r.rate]));
    expect(byPartner).toEqual({ [world.partners.distributor.id]: "0.9", [world.partners.direct.id]: "0.95" });
    const distributor = await database.prisma.partner.findUnique({ where: { id: world.partners.distributor.id }, select: { billingCurrency: true } });
    expect(distributor?.billingCurrency).toBeNull();
  });

  it("refuses a customer reader, even of a billing partner's customer: NotFound, nothing changes", async () => {
    const before = await rates();
    testSession.scope = (await makeCustomerReader(database.prisma, world, "direct")).scope;
    expect(await importExchangeRatesAction({ csv: CSV })).toMatchObject({ ok: false, error: { code: "NotFound" } });
    expect(await setBillingCurrencyAction({ billingCurrency: "GBP" })).toMatchObject({ ok: false, error: { code: "NotFound" } });
    expect(await rates()).toEqual(before);
  });

  it("bad input gets field errors, not a 500", async () => {
    testSession.scope = await world.scope("direct", "ADMIN_AGENT");
    expect(await setBillingCurrencyAction({ billingCurrency: "XXX" })).toMatchObject({ ok: false, error: { code: "ValidationFailed" } });
    const result = await importExchangeRatesAction({ csv: "Month,PricingCurrency,BillingCurrency,Rate\n2026-10,USD,EUR,abc\n" });
    expect(result).toMatchObject({ ok: false, error: { code: "InvalidExchangeRateCsv" } });
    expect(JSON.stringify(result)).toContain("line 2 Rate");
  });
});
