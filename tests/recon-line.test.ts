// Recon line mapping (pure): column order, FLOOR rounding, AdditionalInfo and CSV-injection guards.
import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { RECON_COLUMNS, reconLineTotal, reconRecord, toReconLine, type ReconSourceRow } from "../lib/recon/recon-line";
import { neutraliseCsvCell } from "../lib/files/neutralise-csv-cell";

const REFERENCE_HEADER =
  "PartnerId, PartnerName, CustomerId, CustomerName, CustomerDomainName, CustomerCountry, MpnId, Tier2MpnId, " +
  "InvoiceNumber, ProductId, SkuId, AvailabilityId, SkuName, ProductName, PublisherName, PublisherId, " +
  "SubscriptionDescription, SubscriptionId, ChargeStartDate, ChargeEndDate, UsageDate, MeterType, " +
  "MeterCategory, MeterId, MeterSubCategory, MeterName, MeterRegion, Unit, ResourceLocation, " +
  "ConsumedService, ResourceGroup, ResourceURI, ChargeType, UnitPrice, Quantity, UnitType, " +
  "BillingPreTaxTotal, BillingCurrency, PricingPreTaxTotal, PricingCurrency, ServiceInfo1, ServiceInfo2, " +
  "Tags, AdditionalInfo, EffectiveUnitPrice, PCToBCExchangeRate, PCToBCExchangeRateDate, EntitlementId, " +
  "EntitlementDescription, PartnerEarnedCreditPercentage, CreditPercentage, CreditType";

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
    customerName: "Fabrikam",
    customerDomain: "fabrikam.onmicrosoft.com",
    customerCountry: "US",
    cspPartnerId: "p1",
    cspPartnerName: "Contoso Distribution",
    cspMpnId: "1000001",
    cspCountry: "US",
    resellerMpnId: "2000002",
    meterId: "7bc19779-56bc-474d-8c88-36fbd79ae004",
    meterCategory: "Virtual Machines",
    meterSubCategory: null,
    meterName: "VM",
    unit: "1 Core Hour",
    ...overrides,
  };
}

describe("recon columns", () => {
  it("are the reference list, in order", () => {
    expect(RECON_COLUMNS.join(", ")).toBe(REFERENCE_HEADER);
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
      PartnerId: "p1",
      MpnId: "1000001",
      Tier2MpnId: "2000002",
      CustomerId: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
      SubscriptionId: "11111111-2222-3333-4444-555555555555",
      EntitlementId: "11111111-2222-3333-4444-555555555555",
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
      // re-dated line: the original day, not UsageDate
      "azureStack.EventDateTime": "2026-10-04T00:00:00.000Z",
    });
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
    expect(line.CustomerId).toBe("");
    expect(line.CustomerName).toBe("Contoso Distribution");
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
  it("are Partner Center's legacy set, in order, with the same FLOORed money as the daily-rated line", async () => {
    const { LEGACY_RECON_COLUMNS, legacyReconRecord, toLegacyReconLine } = await import("../lib/recon/legacy-recon-line");
    expect(LEGACY_RECON_COLUMNS.join(",")).toBe(
      "PartnerId,PartnerName,PartnerBillableAccountId,CustomerCompanyName,MpnId,ResellerMpnId,InvoiceNumber,ChargeStartDate," +
        "ChargeEndDate,SubscriptionId,SubscriptionName,SubscriptionDescription,OrderId,ServiceName,ServiceType,ResourceGuid," +
        "ResourceName,Region,SKU,DetailLineItemId,ConsumedQuantity,IncludedQuantity,OverageQuantity,ListPrice,PretaxCharges," +
        "TaxAmount,PostTaxTotal,Currency,PretaxEffectiveRate,PostTaxEffectiveRate,ChargeType,CustomerId,DomainName,BillingCycleType,Unit",
    );
    const source = row({ customerName: "=cmd" });
    const legacy = toLegacyReconLine(source);
    expect(legacy.PretaxCharges).toBe(toReconLine(source).BillingPreTaxTotal);
    expect(legacy.PretaxCharges).toBe("0.15");
    expect(legacy.ConsumedQuantity).toBe("3.333");
    expect(legacy.OverageQuantity).toBe("3.333");
    expect(legacy.IncludedQuantity).toBe("0");
    expect(legacy.ListPrice).toBe("0.046");
    expect(legacy.ChargeStartDate).toBe("2026-10-05");
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
