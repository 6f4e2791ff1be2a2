// Partner Center's LEGACY (non-NCE) usage-based reconciliation column set, offered as
// `format=legacy` on the recon downloads for partners whose tooling still reads that file.
// Same lines as the daily-rated file (one per subscription × meter × resource × day); the money is
// PretaxCharges, rounded to the nearest cent as that file's documentation says (legacyPretaxCharges),
// where the daily-rated file FLOORs. Columns: Microsoft's 42, in its order (docs/recon.md).
// No "server-only": used by the streaming export, tests and the bench.
import Decimal from "decimal.js";
import { neutraliseCsvCell } from "../files/neutralise-csv-cell";
import { RECON_CONSTANTS, consumedServiceOf, isoDay, periodBounds, plain, reconLineConversion, resourceGroupOf, type ReconSourceRow } from "./recon-line";
import type { ReconConversions } from "./recon-currency";

export const LEGACY_RECON_COLUMNS = [
  "PartnerId",
  "PartnerName",
  "PartnerBillableAccountId",
  "CustomerCompanyName",
  "MpnId",
  "ResellerMpnId",
  "InvoiceNumber",
  "ChargeStartDate",
  "ChargeEndDate",
  "SubscriptionId",
  "SubscriptionName",
  "SubscriptionDescription",
  "OrderId",
  "ServiceName",
  "ServiceType",
  "ResourceGuid",
  "ResourceName",
  "Region",
  "SKU",
  "DetailLineItemId",
  "ConsumedQuantity",
  "IncludedQuantity",
  "OverageQuantity",
  "ListPrice",
  "PretaxCharges",
  "TaxAmount",
  "PostTaxTotal",
  "Currency",
  "PretaxEffectiveRate",
  "PostTaxEffectiveRate",
  "ChargeType",
  "CustomerId",
  "DomainName",
  "BillingCycleType",
  "Unit",
  "CustomerBillableAccount",
  "UsageDate",
  "MeteredRegion",
  "MeteredService",
  "MeteredServiceType",
  "Project",
  "ServiceInfo",
] as const;

export type LegacyReconColumn = (typeof LEGACY_RECON_COLUMNS)[number];
export type LegacyReconLine = Record<LegacyReconColumn, string>;

/** Fixed cells of the legacy file, shared with the SQL (COPY) formatting. */
export const LEGACY_CONSTANTS = {
  /** Azure Stack meters have no included units or tiers: the whole quantity is overage, line item 0. */
  DetailLineItemId: "0",
  IncludedQuantity: "0",
  BillingCycleType: "Monthly",
} as const;

export const LEGACY_NUMERIC_COLUMNS = new Set<LegacyReconColumn>([
  "DetailLineItemId",
  "ConsumedQuantity",
  "IncludedQuantity",
  "OverageQuantity",
  "ListPrice",
  "PretaxCharges",
  "TaxAmount",
  "PostTaxTotal",
  "PretaxEffectiveRate",
  "PostTaxEffectiveRate",
]);

/** Exact for numeric(28,10) × numeric(24,10), like reconLineTotal's. */
const ExactDecimal = Decimal.clone({ precision: 100 });

/**
 * PretaxCharges: ListPrice × OverageQuantity (× the pricing-to-billing exchange rate) rounded to the
 * nearest cent (half away from zero, as PostgreSQL's round(numeric) in the SQL twin); 0.00 when unpriced.
 */
export function legacyPretaxCharges(unitPrice: string | null, quantity: string, rate: Decimal.Value = 1): string {
  if (unitPrice === null) return "0.00";
  const rounded = new ExactDecimal(unitPrice).times(quantity).times(rate).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return (rounded.isZero() ? new ExactDecimal(0) : rounded).toFixed(2);
}

/*
 * Mapping decisions (docs/recon.md "Legacy usage-based file"): ChargeStartDate/ChargeEndDate are the
 * billing cycle (the calendar month) and UsageDate the line's usage day; tax is decided at invoicing,
 * so TaxAmount, PostTaxTotal and PostTaxEffectiveRate are empty rather than an invented 0; ids the
 * portal doesn't have (PartnerBillableAccountId, CustomerBillableAccount, OrderId, SKU,
 * InvoiceNumber) are empty.
 */
export function toLegacyReconLine(row: ReconSourceRow, conversions: ReconConversions = {}): LegacyReconLine {
  const day = isoDay(row.usageDate);
  const period = periodBounds(row.usageDate);
  // Money in the billing currency (the daily-rated file's BillingCurrency and exchange rate).
  const billing = reconLineConversion(row, conversions);
  const unitPrice = row.unitPrice === null ? "" : plain(row.unitPrice);
  const quantity = plain(row.quantity);
  const line: LegacyReconLine = {
    PartnerId: row.cspTenantId ?? "",
    PartnerName: row.cspPartnerName,
    PartnerBillableAccountId: "",
    CustomerCompanyName: row.customerName ?? row.cspPartnerName,
    MpnId: row.cspMpnId,
    ResellerMpnId: row.resellerMpnId ?? "",
    InvoiceNumber: "",
    ChargeStartDate: period.start,
    ChargeEndDate: period.end,
    SubscriptionId: row.azureSubscriptionId,
    SubscriptionName: row.subscriptionName,
    SubscriptionDescription: RECON_CONSTANTS.OfferName,
    OrderId: "",
    ServiceName: row.meterCategory,
    ServiceType: row.meterSubCategory ?? "",
    ResourceGuid: row.meterId,
    ResourceName: row.meterName,
    Region: RECON_CONSTANTS.MeterRegion,
    SKU: "",
    DetailLineItemId: LEGACY_CONSTANTS.DetailLineItemId,
    ConsumedQuantity: quantity,
    IncludedQuantity: LEGACY_CONSTANTS.IncludedQuantity,
    OverageQuantity: quantity,
    ListPrice: unitPrice,
    PretaxCharges: legacyPretaxCharges(row.unitPrice, row.quantity, billing.rate),
    TaxAmount: "",
    PostTaxTotal: "",
    Currency: billing.billingCurrency,
    PretaxEffectiveRate: unitPrice,
    PostTaxEffectiveRate: "",
    ChargeType: RECON_CONSTANTS.ChargeType,
    CustomerId: row.customerTenantId ?? row.cspTenantId ?? "",
    DomainName: row.customerDomain ?? "",
    BillingCycleType: LEGACY_CONSTANTS.BillingCycleType,
    Unit: row.unit,
    CustomerBillableAccount: "",
    UsageDate: day,
    MeteredRegion: row.location ?? "",
    MeteredService: consumedServiceOf(row.resourceUri),
    MeteredServiceType: "",
    Project: resourceGroupOf(row.resourceUri),
    ServiceInfo: "",
  };
  for (const column of LEGACY_RECON_COLUMNS) {
    if (!LEGACY_NUMERIC_COLUMNS.has(column)) line[column] = neutraliseCsvCell(line[column]);
  }
  return line;
}

export function legacyReconRecord(line: LegacyReconLine): string[] {
  return LEGACY_RECON_COLUMNS.map((column) => line[column]);
}
