// Where each recon column's cell comes from, for the SQL formatting (recon-csv-sql.ts): a fact of
// the subscription, the commerce meter or the usage day (formatted once per export), a per-line
// value, or a constant. Mirrors the JS mappings (recon-line.ts, legacy-recon-line.ts).
// No "server-only": pure SQL text.
import { LEGACY_CONSTANTS, type LegacyReconColumn } from "./legacy-recon-line";
import { PC_TO_BC_EXCHANGE_RATE, RECON_CONSTANTS, type ReconColumn } from "./recon-line";
import { METER_PUBLISHER_SQL, azurePlanIdSql } from "./recon-line-sql";

/** A date as YYYY-MM-DD text. */
export const day = (expression: string) => `to_char(${expression}, 'YYYY-MM-DD')`;
const periodStart = `make_date(extract(year FROM d)::int, extract(month FROM d)::int, 1)`;
const periodEnd = `(${periodStart} + interval '1 month')::date - 1`;

/**
 * Where a cell comes from: per subscription ("sub": facts s/c/p/o), per commerce meter ("meter":
 * m), per usage day ("day": d) — formatted once per export — or per line ("line"/"number", the
 * cells of r below); a constant is a literal.
 */
export type Level = "sub" | "meter" | "day";
export type LineCell =
  | "location"
  | "consumedService"
  | "resourceGroup"
  | "resourceUri"
  | "currency"
  | "additionalInfo"
  | "tags"
  | "meteredService"
  | "project"
  // The billing side of the line (recon-currency.ts): converted when the file has conversions.
  | "billingTotal"
  | "legacyBillingTotal"
  | "billingCurrency"
  | "exchangeRate"
  | "exchangeRateDate";
export type Cell =
  | { sub: string }
  | { meter: string }
  | { day: string }
  | { line: LineCell }
  | { number: "unitPrice" | "quantity" | "total" | "legacyTotal" }
  | { constant: string };

/** The owner's tenant: the customer's, or the billed partner's own on its default subscription. */
const OWNER_TENANT = `COALESCE(c."tenantId"::text, p."directoryTenantId"::text)`;

const SUB = {
  partnerId: `p."directoryTenantId"::text`,
  partnerName: `p."name"`,
  tenant: OWNER_TENANT,
  azurePlan: azurePlanIdSql(OWNER_TENANT),
  customerName: `COALESCE(c."companyName", p."name")`,
  domain: `c."domain"`,
  country: `COALESCE(c."country"::text, p."country"::text)`,
  mpn: `p."mpnId"`,
  resellerMpn: `CASE WHEN o."kind" = 'INDIRECT_RESELLER' THEN o."mpnId" END`,
  id: `s."id"::text`,
  name: `s."displayName"`,
};

/** Cells of the daily-rated file; numeric cells are not neutralised, like the JS. */
export const MODERN_CELLS: Record<ReconColumn, Cell> = {
  PartnerId: { sub: SUB.partnerId },
  PartnerName: { sub: SUB.partnerName },
  CustomerId: { sub: SUB.tenant },
  CustomerName: { sub: SUB.customerName },
  CustomerDomainName: { sub: SUB.domain },
  CustomerCountry: { sub: SUB.country },
  MpnId: { sub: SUB.mpn },
  Tier2MpnId: { sub: SUB.resellerMpn },
  InvoiceNumber: { constant: "" },
  ProductId: { meter: `mp."productId"` },
  SkuId: { meter: `mp."skuId"` },
  AvailabilityId: { constant: "" },
  SkuName: { meter: `mp."skuTitle"` },
  ProductName: { meter: `mp."productTitle"` },
  PublisherName: { meter: METER_PUBLISHER_SQL },
  PublisherId: { constant: "" },
  SubscriptionDescription: { constant: RECON_CONSTANTS.OfferName },
  SubscriptionId: { sub: SUB.azurePlan },
  ChargeStartDate: { day: day(periodStart) },
  ChargeEndDate: { day: day(periodEnd) },
  UsageDate: { day: day("d") },
  MeterType: { meter: `m."unitOfMeasure"` },
  MeterCategory: { meter: `m."serviceName"` },
  MeterId: { meter: `m."id"::text` },
  MeterSubCategory: { meter: `m."serviceType"` },
  MeterName: { meter: `m."resourceName"` },
  MeterRegion: { constant: RECON_CONSTANTS.MeterRegion },
  Unit: { meter: `m."unitOfMeasure"` },
  ResourceLocation: { line: "location" },
  ConsumedService: { line: "consumedService" },
  ResourceGroup: { line: "resourceGroup" },
  ResourceURI: { line: "resourceUri" },
  ChargeType: { constant: RECON_CONSTANTS.ChargeType },
  UnitPrice: { number: "unitPrice" },
  Quantity: { number: "quantity" },
  UnitType: { meter: `m."unitOfMeasure"` },
  BillingPreTaxTotal: { line: "billingTotal" },
  BillingCurrency: { line: "billingCurrency" },
  PricingPreTaxTotal: { number: "total" },
  PricingCurrency: { line: "currency" },
  ServiceInfo1: { constant: "" },
  ServiceInfo2: { constant: "" },
  Tags: { line: "tags" },
  AdditionalInfo: { line: "additionalInfo" },
  EffectiveUnitPrice: { number: "unitPrice" },
  PCToBCExchangeRate: { line: "exchangeRate" },
  PCToBCExchangeRateDate: { line: "exchangeRateDate" },
  EntitlementId: { sub: SUB.id },
  EntitlementDescription: { sub: SUB.name },
  PartnerEarnedCreditPercentage: { constant: RECON_CONSTANTS.PartnerEarnedCreditPercentage },
  CreditPercentage: { constant: RECON_CONSTANTS.CreditPercentage },
  CreditType: { constant: "" },
};

/** Cells of the legacy usage-based file (legacy-recon-line.ts has the same mapping in JS). */
export const LEGACY_CELLS: Record<LegacyReconColumn, Cell> = {
  PartnerId: { sub: SUB.partnerId },
  PartnerName: { sub: SUB.partnerName },
  PartnerBillableAccountId: { constant: "" },
  CustomerCompanyName: { sub: SUB.customerName },
  MpnId: { sub: SUB.mpn },
  ResellerMpnId: { sub: SUB.resellerMpn },
  InvoiceNumber: { constant: "" },
  ChargeStartDate: { day: day(periodStart) },
  ChargeEndDate: { day: day(periodEnd) },
  SubscriptionId: { sub: SUB.id },
  SubscriptionName: { sub: SUB.name },
  SubscriptionDescription: { constant: RECON_CONSTANTS.OfferName },
  OrderId: { constant: "" },
  ServiceName: { meter: `m."serviceName"` },
  ServiceType: { meter: `m."serviceType"` },
  ResourceGuid: { meter: `m."id"::text` },
  ResourceName: { meter: `m."resourceName"` },
  Region: { constant: RECON_CONSTANTS.MeterRegion },
  SKU: { constant: "" },
  DetailLineItemId: { constant: LEGACY_CONSTANTS.DetailLineItemId },
  ConsumedQuantity: { number: "quantity" },
  IncludedQuantity: { constant: LEGACY_CONSTANTS.IncludedQuantity },
  OverageQuantity: { number: "quantity" },
  ListPrice: { number: "unitPrice" },
  PretaxCharges: { line: "legacyBillingTotal" },
  TaxAmount: { constant: "" },
  PostTaxTotal: { constant: "" },
  Currency: { line: "billingCurrency" },
  PretaxEffectiveRate: { number: "unitPrice" },
  PostTaxEffectiveRate: { constant: "" },
  ChargeType: { constant: RECON_CONSTANTS.ChargeType },
  CustomerId: { sub: SUB.tenant },
  DomainName: { sub: SUB.domain },
  BillingCycleType: { constant: LEGACY_CONSTANTS.BillingCycleType },
  Unit: { meter: `m."unitOfMeasure"` },
  CustomerBillableAccount: { constant: "" },
  UsageDate: { day: day("d") },
  MeteredRegion: { line: "location" },
  MeteredService: { line: "meteredService" },
  MeteredServiceType: { constant: "" },
  Project: { line: "project" },
  ServiceInfo: { constant: "" },
};

/**
 * The billing cells of a file with no conversion (recon-currency.ts): the pricing side at rate 1,
 * dated the period's first day, as constants and day fragments, so such a file formats with no
 * per-line lookup. They replace the billing line cells above.
 */
export const PLAIN_BILLING_CELLS: { modern: Partial<Record<ReconColumn, Cell>>; legacy: Partial<Record<LegacyReconColumn, Cell>> } = {
  modern: {
    BillingPreTaxTotal: { number: "total" },
    BillingCurrency: { line: "currency" },
    PCToBCExchangeRate: { constant: PC_TO_BC_EXCHANGE_RATE.toFixed() },
    PCToBCExchangeRateDate: { day: day(periodStart) },
  },
  legacy: { PretaxCharges: { number: "legacyTotal" }, Currency: { line: "currency" } },
};
