// The two files Partner Center gives for Azure usage, as the reconciliation reads them: the
// daily-rated usage reconciliation file (Partner Center's column names, docs "Fields in daily rated
// usage reconciliation file") and the legacy usage-based file. Columns are found by name in the
// header, so extra or reordered columns are fine. Pure module: the import, the bench and tests share it.
import type { ReconciliationFormat } from "../../generated/prisma/enums";

/** The columns each format must have, and where each value the matching needs comes from. */
export interface BilledLineColumns {
  format: ReconciliationFormat;
  /** The Azure subscription: EntitlementId, else SubscriptionId (daily-rated); SubscriptionId (legacy). */
  subscription: readonly string[];
  meter: string;
  region: string;
  /** Null in the legacy file: it has no resource column. */
  resource: string | null;
  usageDate: string;
  quantity: string;
  /** The price per unit in the pricing currency. */
  unitPrice: readonly string[];
  /** The line's pre-tax total in the pricing currency. */
  total: readonly string[];
  additionalInfo: string | null;
  customer: string;
  currency: readonly string[];
}

export const DAILY_RATED_COLUMNS: BilledLineColumns = {
  format: "DAILY_RATED",
  subscription: ["EntitlementId", "SubscriptionId"],
  meter: "MeterId",
  region: "MeterRegion",
  resource: "ResourceURI",
  usageDate: "UsageDate",
  quantity: "Quantity",
  unitPrice: ["EffectiveUnitPrice", "UnitPrice"],
  total: ["PricingPreTaxTotal", "BillingPreTaxTotal"],
  additionalInfo: "AdditionalInfo",
  customer: "CustomerId",
  currency: ["PricingCurrency", "BillingCurrency"],
};

export const LEGACY_COLUMNS: BilledLineColumns = {
  format: "LEGACY",
  subscription: ["SubscriptionId"],
  meter: "ResourceGuid",
  region: "Region",
  resource: null,
  usageDate: "ChargeStartDate",
  quantity: "ConsumedQuantity",
  unitPrice: ["PretaxEffectiveRate", "ListPrice"],
  total: ["PretaxCharges"],
  additionalInfo: null,
  customer: "CustomerId",
  currency: ["Currency"],
};

/** MeterRegion (daily-rated) / Region (legacy) of Azure Stack Hub lines. */
export const AZURE_STACK_REGION = "azure stack";

/** The format whose telltale column the header has: MeterRegion → daily-rated, ResourceGuid → legacy. */
export function detectReconFormat(header: readonly string[]): BilledLineColumns | null {
  const names = new Set(header.map((name) => name.trim()));
  if (names.has("MeterRegion") && names.has("UsageDate")) return DAILY_RATED_COLUMNS;
  if (names.has("ResourceGuid") && names.has("ChargeStartDate")) return LEGACY_COLUMNS;
  return null;
}

/** Every column name a format needs (one of each alternative). */
export function requiredColumnGroups(columns: BilledLineColumns): string[][] {
  const groups: string[][] = [
    [...columns.subscription],
    [columns.meter],
    [columns.region],
    [columns.usageDate],
    [columns.quantity],
    [...columns.unitPrice],
    [...columns.total],
  ];
  if (columns.resource) groups.push([columns.resource]);
  return groups;
}
