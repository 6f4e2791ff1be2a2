// Partner Center's LEGACY (non-NCE) usage-based reconciliation column set, offered as
// `format=legacy` on the recon downloads for partners whose tooling still reads that file.
// Same lines as the daily-rated file (one per subscription × meter × resource × day) and the same
// per-line money (reconLineTotal: FLOOR once per line), so both files total the same to the cent.
// No "server-only": used by the streaming export, tests and the bench.
import { neutraliseCsvCell } from "../files/neutralise-csv-cell";
import Decimal from "decimal.js";
import { RECON_CONSTANTS, isoDay, plain, reconLineConversion, reconLineTotal, type ReconSourceRow } from "./recon-line";
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

/*
 * Mapping decisions (README "Legacy usage-based file"): the legacy file has no UsageDate, so each
 * daily line's ChargeStartDate = ChargeEndDate = its usage day (Partner Center also departs from the
 * cycle dates for latent usage); tax is decided at invoicing, so TaxAmount, PostTaxTotal and
 * PostTaxEffectiveRate are empty rather than an invented 0; ids the portal doesn't have
 * (PartnerBillableAccountId, OrderId, SKU, InvoiceNumber) are empty. The legacy set has no resource columns.
 */
export function toLegacyReconLine(row: ReconSourceRow, conversions: ReconConversions = {}): LegacyReconLine {
  const day = isoDay(row.usageDate);
  // Money in the billing currency (= the daily-rated file's BillingPreTaxTotal and BillingCurrency).
  const billing = reconLineConversion(row, conversions);
  const unitPrice = row.unitPrice === null ? "" : plain(row.unitPrice);
  const quantity = plain(row.quantity);
  const line: LegacyReconLine = {
    PartnerId: row.cspPartnerId,
    PartnerName: row.cspPartnerName,
    PartnerBillableAccountId: "",
    CustomerCompanyName: row.customerName ?? row.cspPartnerName,
    MpnId: row.cspMpnId,
    ResellerMpnId: row.resellerMpnId ?? "",
    InvoiceNumber: "",
    ChargeStartDate: day,
    ChargeEndDate: day,
    SubscriptionId: row.azureSubscriptionId,
    SubscriptionName: row.subscriptionName,
    SubscriptionDescription: RECON_CONSTANTS.ProductName,
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
    PretaxCharges: reconLineTotal(row.unitPrice, row.quantity, new Decimal(billing.rate)).toFixed(2),
    TaxAmount: "",
    PostTaxTotal: "",
    Currency: billing.billingCurrency,
    PretaxEffectiveRate: unitPrice,
    PostTaxEffectiveRate: "",
    ChargeType: RECON_CONSTANTS.ChargeType,
    CustomerId: row.customerTenantId ?? "",
    DomainName: row.customerDomain ?? "",
    BillingCycleType: LEGACY_CONSTANTS.BillingCycleType,
    Unit: row.unit,
  };
  for (const column of LEGACY_RECON_COLUMNS) {
    if (!LEGACY_NUMERIC_COLUMNS.has(column)) line[column] = neutraliseCsvCell(line[column]);
  }
  return line;
}

export function legacyReconRecord(line: LegacyReconLine): string[] {
  return LEGACY_RECON_COLUMNS.map((column) => line[column]);
}
