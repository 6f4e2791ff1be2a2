// Partner Center daily-rated usage recon lines: pure mapping of a RatedUsageLine (+ joined customer,
// partner, subscription and meter facts) to the reference column set, in the reference order.
// No "server-only": used by the streaming export, the billing page totals, the bench and tests.
import Decimal from "decimal.js";
import { neutraliseCsvCell } from "../files/neutralise-csv-cell";
import { conversionKey, type ReconConversion, type ReconConversions } from "./recon-currency";

/** The recon file's columns, exactly in Partner Center's order (../shared/reference/README.md). */
export const RECON_COLUMNS = [
  "PartnerId",
  "PartnerName",
  "CustomerId",
  "CustomerName",
  "CustomerDomainName",
  "CustomerCountry",
  "MpnId",
  "Tier2MpnId",
  "InvoiceNumber",
  "ProductId",
  "SkuId",
  "AvailabilityId",
  "SkuName",
  "ProductName",
  "PublisherName",
  "PublisherId",
  "SubscriptionDescription",
  "SubscriptionId",
  "ChargeStartDate",
  "ChargeEndDate",
  "UsageDate",
  "MeterType",
  "MeterCategory",
  "MeterId",
  "MeterSubCategory",
  "MeterName",
  "MeterRegion",
  "Unit",
  "ResourceLocation",
  "ConsumedService",
  "ResourceGroup",
  "ResourceURI",
  "ChargeType",
  "UnitPrice",
  "Quantity",
  "UnitType",
  "BillingPreTaxTotal",
  "BillingCurrency",
  "PricingPreTaxTotal",
  "PricingCurrency",
  "ServiceInfo1",
  "ServiceInfo2",
  "Tags",
  "AdditionalInfo",
  "EffectiveUnitPrice",
  "PCToBCExchangeRate",
  "PCToBCExchangeRateDate",
  "EntitlementId",
  "EntitlementDescription",
  "PartnerEarnedCreditPercentage",
  "CreditPercentage",
  "CreditType",
] as const;

export type ReconColumn = (typeof RECON_COLUMNS)[number];
export type ReconLine = Record<ReconColumn, string>;

/** One rated line with what the recon columns need; produced by recon-source.ts's query. */
export interface ReconSourceRow {
  id: string;
  usageDate: Date;
  eventDate: Date;
  /** azureStack.EventDateTime as ISO text (the line's earliest original hour); null on lines rated before it was kept. */
  eventDateTime?: string | null;
  /** The resource's tags as compact JSON text (recon-line-sql.ts reconTagsSql), null when it had none. */
  tags?: string | null;
  quantity: string;
  unitPrice: string | null;
  currency: string | null;
  resourceUri: string;
  location: string | null;
  localMeterId: string;
  localSubscriptionId: string;
  unregisteredTenant: boolean;
  azureSubscriptionId: string;
  subscriptionName: string;
  /** Null for a partner's own (APSS) default subscription. */
  customerId: string | null;
  customerTenantId: string | null;
  /** The Azure plan the line's Azure subscription is billed under (recon-line-sql.ts azurePlanIdSql); null without an owner tenant. */
  azurePlanId?: string | null;
  customerName: string | null;
  customerDomain: string | null;
  customerCountry: string | null;
  /** The CSP of record (the partner the subscription rolls up to; a distributor for indirect). */
  cspPartnerId: string;
  /** The CSP partner's directory tenant id: PartnerId, and CustomerId on its own default subscription. */
  cspTenantId?: string | null;
  cspPartnerName: string;
  cspMpnId: string;
  cspCountry: string;
  /** The owning partner when it is an indirect reseller (Tier 2), else null. */
  resellerMpnId: string | null;
  meterId: string;
  meterCategory: string;
  meterSubCategory: string | null;
  meterName: string;
  unit: string;
  /** The consumed product as the price list names it for the commerce meter (recon-line-sql.ts METER_PRODUCT_LATERAL), null when no list has the meter. */
  productId?: string | null;
  skuId?: string | null;
  skuTitle?: string | null;
  productTitle?: string | null;
  publisher?: string | null;
}

/** The rate of a line billed in its pricing currency (no conversion, recon-currency.ts). */
export const PC_TO_BC_EXCHANGE_RATE = new Decimal(1);

/**
 * decimal.js rounds every operation to 20 significant digits by default: a huge quantity × price
 * (numeric(28,10) × numeric(24,10), up to 52 digits) would be rounded BEFORE the FLOOR. This
 * constructor is exact for those sizes, so the JS path and PostgreSQL's numeric agree to the cent.
 */
const ExactDecimal = Decimal.clone({ precision: 100 });

/** Fixed cells of the file, shared by the JS mapping and the SQL (COPY) formatting. */
export const RECON_CONSTANTS = {
  /** The offer the customer bought (SubscriptionDescription, Microsoft's OfferName): always the Azure plan. */
  OfferName: "Azure plan",
  /** PublisherName when the price list names no publisher for the meter. */
  PublisherName: "Microsoft",
  MeterRegion: "Azure Stack",
  ChargeType: "New",
  PartnerEarnedCreditPercentage: "0",
  CreditPercentage: "0",
} as const;

/**
 * THE one place a line's money is computed: FLOOR(EffectiveUnitPrice × Quantity × PCToBCExchangeRate, 2)
 * (BillingPreTaxTotal; PricingPreTaxTotal is the same at rate 1), rounded once from the exact product.
 * FLOOR (ROUND_FLOOR), not half-up: Partner Center truncates per line. Unpriced lines (no price list
 * covered the day) are 0 so they still appear in the file and never invent money.
 */
export function reconLineTotal(unitPrice: string | null, quantity: string, rate: Decimal = PC_TO_BC_EXCHANGE_RATE): Decimal {
  if (unitPrice === null) return new Decimal(0);
  return new Decimal(new ExactDecimal(unitPrice).times(quantity).times(rate.toString()).toDecimalPlaces(2, Decimal.ROUND_FLOOR));
}

/**
 * Columns we format ourselves from numbers: not passed through the CSV-injection guard (plain
 * numbers, which it would leave as is anyway), like the SQL path, which never tests them.
 */
export const NUMERIC_COLUMNS = new Set<ReconColumn>([
  "UnitPrice",
  "Quantity",
  "BillingPreTaxTotal",
  "PricingPreTaxTotal",
  "EffectiveUnitPrice",
  "PCToBCExchangeRate",
  "PartnerEarnedCreditPercentage",
  "CreditPercentage",
]);

export const isoDay = (date: Date) => date.toISOString().slice(0, 10);
export const plain = (value: string) => new Decimal(value).toFixed();

/** Calendar month of a usage day: Partner Center's billing period for daily-rated usage. */
export function periodBounds(usageDate: Date): { start: string; end: string } {
  const y = usageDate.getUTCFullYear();
  const m = usageDate.getUTCMonth();
  return { start: isoDay(new Date(Date.UTC(y, m, 1))), end: isoDay(new Date(Date.UTC(y, m + 1, 0))) };
}

export function resourceGroupOf(uri: string): string {
  return /\/resourceGroups\/([^/]+)/i.exec(uri)?.[1] ?? "";
}

export function consumedServiceOf(uri: string): string {
  return /\/providers\/([^/]+)/i.exec(uri)?.[1] ?? "";
}

/**
 * The azureStack.* keys usage carries in Azure. EventDateTime = the ORIGINAL time of the line's
 * usage (its earliest hour, docs/recon.md "Lines and re-dated usage"), which differs from UsageDate for
 * re-dated lines; lines rated before that time was kept fall back to the original day's midnight.
 */
export function reconAdditionalInfo(row: Pick<ReconSourceRow, "localMeterId" | "localSubscriptionId" | "location" | "eventDate" | "eventDateTime">): string {
  return JSON.stringify({
    "azureStack.MeterId": row.localMeterId,
    "azureStack.SubscriptionId": row.localSubscriptionId,
    "azureStack.Location": row.location ?? "",
    "azureStack.EventDateTime": row.eventDateTime ?? row.eventDate.toISOString(),
  });
}

/*
 * Lines on a partner's own default (APSS) subscription: Partner Center lists the subscription's
 * owner as the customer, here the partner itself, so CustomerId is the partner's directory tenant id
 * and CustomerName/Country are the partner's (empty CustomerId only while the partner has not set
 * its tenant id). The tenant that caused the usage stays findable through AdditionalInfo's
 * azureStack.SubscriptionId. docs/recon.md maps every column.
 */
/**
 * A line's billing side (recon-currency.ts): its billing partner's conversion of its pricing
 * currency, else its pricing currency at rate 1 dated the period's first day.
 */
export function reconLineConversion(row: Pick<ReconSourceRow, "cspPartnerId" | "currency" | "usageDate">, conversions: ReconConversions = {}): ReconConversion {
  const currency = row.currency ?? "";
  return (
    conversions[conversionKey(row.cspPartnerId, currency)] ?? {
      billingCurrency: currency,
      rate: PC_TO_BC_EXCHANGE_RATE.toFixed(),
      rateDate: periodBounds(row.usageDate).start,
    }
  );
}

export function toReconLine(row: ReconSourceRow, conversions: ReconConversions = {}): ReconLine {
  const period = periodBounds(row.usageDate);
  const total = reconLineTotal(row.unitPrice, row.quantity).toFixed(2);
  const billing = reconLineConversion(row, conversions);
  const billingTotal = billing.rate === "1" ? total : reconLineTotal(row.unitPrice, row.quantity, new Decimal(billing.rate)).toFixed(2);
  const unitPrice = row.unitPrice === null ? "" : plain(row.unitPrice);
  const currency = row.currency ?? "";
  const line: ReconLine = {
    PartnerId: row.cspTenantId ?? "",
    PartnerName: row.cspPartnerName,
    CustomerId: row.customerTenantId ?? row.cspTenantId ?? "",
    CustomerName: row.customerName ?? row.cspPartnerName,
    CustomerDomainName: row.customerDomain ?? "",
    CustomerCountry: row.customerCountry ?? row.cspCountry,
    MpnId: row.cspMpnId,
    Tier2MpnId: row.resellerMpnId ?? "",
    InvoiceNumber: "",
    ProductId: row.productId ?? "",
    SkuId: row.skuId ?? "",
    AvailabilityId: "",
    SkuName: row.skuTitle ?? "",
    ProductName: row.productTitle ?? "",
    PublisherName: row.publisher || RECON_CONSTANTS.PublisherName,
    PublisherId: "",
    SubscriptionDescription: RECON_CONSTANTS.OfferName,
    SubscriptionId: row.azurePlanId ?? "",
    ChargeStartDate: period.start,
    ChargeEndDate: period.end,
    UsageDate: isoDay(row.usageDate),
    MeterType: row.unit,
    MeterCategory: row.meterCategory,
    MeterId: row.meterId,
    MeterSubCategory: row.meterSubCategory ?? "",
    MeterName: row.meterName,
    MeterRegion: RECON_CONSTANTS.MeterRegion,
    Unit: row.unit,
    ResourceLocation: row.location ?? "",
    ConsumedService: consumedServiceOf(row.resourceUri),
    ResourceGroup: resourceGroupOf(row.resourceUri),
    ResourceURI: row.resourceUri,
    ChargeType: RECON_CONSTANTS.ChargeType,
    UnitPrice: unitPrice,
    Quantity: plain(row.quantity),
    UnitType: row.unit,
    BillingPreTaxTotal: billingTotal,
    BillingCurrency: billing.billingCurrency,
    PricingPreTaxTotal: total,
    PricingCurrency: currency,
    ServiceInfo1: "",
    ServiceInfo2: "",
    Tags: row.tags ?? "",
    AdditionalInfo: reconAdditionalInfo(row),
    EffectiveUnitPrice: unitPrice,
    PCToBCExchangeRate: billing.rate,
    PCToBCExchangeRateDate: billing.rateDate,
    EntitlementId: row.azureSubscriptionId,
    EntitlementDescription: row.subscriptionName,
    PartnerEarnedCreditPercentage: RECON_CONSTANTS.PartnerEarnedCreditPercentage,
    CreditPercentage: RECON_CONSTANTS.CreditPercentage,
    CreditType: "",
  };
  for (const column of RECON_COLUMNS) {
    if (!NUMERIC_COLUMNS.has(column)) line[column] = neutraliseCsvCell(line[column]);
  }
  return line;
}

/** A line as a CSV record in column order. */
export function reconRecord(line: ReconLine): string[] {
  return RECON_COLUMNS.map((column) => line[column]);
}
