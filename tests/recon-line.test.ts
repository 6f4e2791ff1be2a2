// Recon line mapping (pure): column order, FLOOR rounding, AdditionalInfo and CSV-injection guards.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { RECON_COLUMNS, reconLineTotal, reconRecord, toReconLine, type ReconSourceRow } from "../lib/recon/recon-line";
import { neutraliseCsvCell } from "../lib/files/neutralise-csv-cell";

/** Headers copied from Microsoft's Partner Center documentation of each file's fields, in its order. */
const fixtureHeader = (name: string) => (parse(readFileSync(join(__dirname, "fixtures", name), "utf8")) as string[][])[0];
const DAILY_RATED_HEADER = fixtureHeader("partner-center-daily-rated-usage-header.csv");
const USAGE_BASED_HEADER = fixtureHeader("partner-center-usage-based-header.csv");

function row(overrides: Partial<ReconSourceRow> = {}): ReconSourceRow {
  return {
    id: "1",
    usageDate: new Date("2026-10-05T00:00:00Z"),
    eventDate: new Date("2026-10-04T00:00:00Z"),
    quantity: "3.3330000000",
    unitPrice: "0.0460000000",
    currency: "USD",
    resourceUri: "/subscriptions/l1/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/vm1",
    location: "local",
    localMeterId: "fab6eb84-500b-4a09-a8ca-7358f8bbaea5",
    localSubscriptionId: "local-sub-1",
    unregisteredTenant: false,
    azureSubscriptionId: "11111111-2222-3333-4444-555555555555",
    subscriptionName: "Azure plan",
    customerId: "c1",
    customerTenantId: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
    azurePlanId: "99999999-8888-7777-6666-555555555555",
    customerName: "Fabrikam",
    customerDomain: "fabrikam.onmicrosoft.com",
    customerCountry: "US",
    cspPartnerId: "p1",
    cspTenantId: "0e195b37-4574-4539-bc42-0e539b9684c0",
    cspPartnerName: "Contoso Distribution",
    cspMpnId: "1000001",
    cspCountry: "US",
    resellerMpnId: "2000002",
    meterId: "7bc19779-56bc-474d-8c88-36fbd79ae004",
    meterCategory: "Virtual Machines",
    meterSubCategory: null,
    meterName: "VM",
    unit: "1 Core Hour",
    productId: "DZH318Z0BQ3Q",
    skuId: "0001",
    skuTitle: "Virtual Machines - Azure Stack Hub",
    productTitle: "Azure Stack Hub",
    publisher: "Microsoft",
    ...overrides,
  };
}

describe("recon columns", () => {
  it("are the header of Microsoft's documentation, in order", () => {
    expect([...RECON_COLUMNS]).toEqual(DAILY_RATED_HEADER);
    expect(RECON_COLUMNS).toHaveLength(52);
    expect(reconRecord(toReconLine(row()))).toHaveLength(RECON_COLUMNS.length);
  });
});

describe("BillingPreTaxTotal", () => {
  it("is FLOOR(price × quantity × rate, 2), not ROUND", () => {
    // 0.046 × 3.333 = 0.153318 → 0.15; 0.999 × 1 = 0.999 → 0.99 (ROUND would give 1.00)
    expect(reconLineTotal("0.046", "3.333").toFixed(2)).toBe("0.15");
    expect(reconLineTotal("0.999", "1").toFixed(2)).toBe("0.99");
    expect(reconLineTotal("0.0079999999", "1000").toFixed(2)).toBe("7.99");
    expect(reconLineTotal(null, "5").toFixed(2)).toBe("0.00");
  });
  it("feeds both totals of the line; prices and quantities keep their decimals without exponents", () => {
    const line = toReconLine(row({ quantity: "0.0000001000", unitPrice: "0.0060000000" }));
    expect(line.BillingPreTaxTotal).toBe("0.00");
    expect(line.PricingPreTaxTotal).toBe("0.00");
    expect(line.Quantity).toBe("0.0000001");
    expect(line.UnitPrice).toBe("0.006");
    expect(line.EffectiveUnitPrice).toBe("0.006");
    expect(line.PCToBCExchangeRate).toBe("1");
  });
});

describe("mapping", () => {
  it("fills the Partner Center facts", () => {
    const line = toReconLine(row());
    expect(line).toMatchObject({
      PartnerId: "0e195b37-4574-4539-bc42-0e539b9684c0",
      MpnId: "1000001",
      Tier2MpnId: "2000002",
      CustomerId: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
      // the Azure plan subscription; the Azure subscription is the entitlement
      SubscriptionId: "99999999-8888-7777-6666-555555555555",
      SubscriptionDescription: "Azure plan",
      EntitlementId: "11111111-2222-3333-4444-555555555555",
      EntitlementDescription: "Azure plan",
      ProductId: "DZH318Z0BQ3Q",
      SkuId: "0001",
      SkuName: "Virtual Machines - Azure Stack Hub",
      ProductName: "Azure Stack Hub",
      PublisherName: "Microsoft",
      AvailabilityId: "",
      MeterRegion: "Azure Stack",
      ChargeType: "New",
      ChargeStartDate: "2026-10-01",
      ChargeEndDate: "2026-10-31",
      UsageDate: "2026-10-05",
      ResourceGroup: "rg-web",
      ConsumedService: "Microsoft.Compute",
      BillingCurrency: "USD",
    });
    expect(JSON.parse(line.AdditionalInfo)).toEqual({
      "azureStack.MeterId": "fab6eb84-500b-4a09-a8ca-7358f8bbaea5",
      "azureStack.SubscriptionId": "local-sub-1",
      "azureStack.Location": "local",
      // re-dated line rated before the original hour was kept: the original day, not UsageDate
      "azureStack.EventDateTime": "2026-10-04T00:00:00.000Z",
    });
    expect(line.Tags).toBe("");
  });
  it("keeps the original time and the resource's tags", () => {
    const line = toReconLine(row({ eventDateTime: "2026-10-04T01:00:00.000Z", tags: '{"env":"prod"}' }));
    expect(JSON.parse(line.AdditionalInfo)["azureStack.EventDateTime"]).toBe("2026-10-04T01:00:00.000Z");
    expect(line.Tags).toBe('{"env":"prod"}');
  });
  it("puts the partner itself as the customer of its own default subscription (unregistered tenants)", () => {
    const line = toReconLine(
      row({
        customerId: null,
        customerTenantId: null,
        customerName: null,
        customerDomain: null,
        customerCountry: null,
        resellerMpnId: null,
        unregisteredTenant: true,
      }),
    );
    // the owner is the partner: its directory tenant
    expect(line.CustomerId).toBe("0e195b37-4574-4539-bc42-0e539b9684c0");
    expect(line.CustomerName).toBe("Contoso Distribution");
    expect(toReconLine(row({ customerTenantId: null, cspTenantId: null })).CustomerId).toBe("");
    expect(line.Tier2MpnId).toBe("");
  });
});

describe("CSV injection", () => {
  it("prefixes cells a spreadsheet would evaluate with a quote", () => {
    for (const value of ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx"]) expect(neutraliseCsvCell(value)).toBe(`'${value}`);
    expect(neutraliseCsvCell("Fabrikam")).toBe("Fabrikam");
  });
  it("applies to text taken from customers and partners, and survives CSV quoting", () => {
    const line = toReconLine(row({ customerName: '=HYPERLINK("http://evil","x")', cspPartnerName: "@partner", resourceUri: "-rm" }));
    const [parsed] = parse(stringify([reconRecord(line)])) as string[][];
    expect(parsed[RECON_COLUMNS.indexOf("CustomerName")]).toBe(`'=HYPERLINK("http://evil","x")`);
    expect(parsed[RECON_COLUMNS.indexOf("PartnerName")]).toBe("'@partner");
    expect(parsed[RECON_COLUMNS.indexOf("ResourceURI")]).toBe("'-rm");
    expect(parsed[RECON_COLUMNS.indexOf("Quantity")]).toBe("3.333");
  });
});

describe("legacy usage-based columns", () => {
  it("are the 42 columns of Microsoft's documentation, in order; PretaxCharges rounded to the nearest cent", async () => {
    const { LEGACY_RECON_COLUMNS, legacyPretaxCharges, legacyReconRecord, toLegacyReconLine } = await import("../lib/recon/legacy-recon-line");
    expect([...LEGACY_RECON_COLUMNS]).toEqual(USAGE_BASED_HEADER);
    expect(LEGACY_RECON_COLUMNS).toHaveLength(42);
    const source = row({ customerName: "=cmd" });
    const legacy = toLegacyReconLine(source);
    expect(legacy.PretaxCharges).toBe("0.15");
    // nearest cent (half away from zero), where the daily-rated file FLOORs
    expect(legacyPretaxCharges("0.999", "1")).toBe("1.00");
    expect(toReconLine(row({ unitPrice: "0.999", quantity: "1" })).BillingPreTaxTotal).toBe("0.99");
    expect(legacyPretaxCharges("0.046", "-2.345")).toBe("-0.11");
    expect(legacyPretaxCharges("0.001", "-1")).toBe("0.00");
    expect(legacyPretaxCharges("0.005", "1")).toBe("0.01");
    expect(legacyPretaxCharges(null, "1")).toBe("0.00");
    expect(legacy.PartnerId).toBe("0e195b37-4574-4539-bc42-0e539b9684c0");
    expect(legacy.ChargeEndDate).toBe("2026-10-31");
    expect(legacy.UsageDate).toBe("2026-10-05");
    expect(legacy.MeteredRegion).toBe("local");
    expect(legacy.MeteredService).toBe("Microsoft.Compute");
    expect(legacy.Project).toBe("rg-web");
    expect(legacy.CustomerBillableAccount).toBe("");
    expect(legacy.ConsumedQuantity).toBe("3.333");
    expect(legacy.OverageQuantity).toBe("3.333");
    expect(legacy.IncludedQuantity).toBe("0");
    expect(legacy.ListPrice).toBe("0.046");
    expect(legacy.ChargeStartDate).toBe("2026-10-01");
    expect(legacy.ResellerMpnId).toBe("2000002");
    expect(legacy.CustomerCompanyName).toBe("'=cmd");
    expect(legacy.Region).toBe("Azure Stack");
    expect(legacy.TaxAmount).toBe("");
    expect(legacyReconRecord(legacy)).toHaveLength(LEGACY_RECON_COLUMNS.length);
  });
  it("money is exact beyond 20 significant digits (decimal.js's default precision)", () => {
    expect(reconLineTotal("99999999999999.9999999999", "123456789012345678.1234567891").toFixed(2)).toBe("12345678901234567812345666564321.09");
  });
});
