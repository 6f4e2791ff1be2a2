// Local quantity → commerce quantity, as the Azure Stack usage gateway does it
// (../shared/reference/README.md). Pure: no database, no "server-only", so the usage pipeline,
// scripts and tests can all call it. The mapping itself is data (LocalMeterMapping rows, loaded
// by lib/meters/load-meter-mappings.ts).
import Decimal from "decimal.js";
import type { MeterAudience, QuantityConversion } from "../../generated/prisma/enums";
import { normaliseMeterId } from "./meter-id";

export type { MeterAudience, QuantityConversion };

export interface MeterMapping {
  localMeterId: string;
  tenantCommerceMeterId: string;
  adminCommerceMeterId: string;
  conversion: QuantityConversion;
}

/** Mappings keyed by normalised local meter id. */
export type MeterMappingTable = ReadonlyMap<string, MeterMapping>;

export interface CommerceQuantity {
  commerceMeterId: string;
  quantity: Decimal;
  conversion: QuantityConversion;
}

/** Days in the UTC calendar month of `day` (usage days are UTC dates). */
export function daysInUtcMonth(day: Date): number {
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 0)).getUTCDate();
}

/**
 * Applies a conversion. GB-hours → GB-month divides by 24 × the days of the usage day's month, so
 * a month of daily lines adds up to that month's average GB. Division (not multiplication by a
 * rounded factor) keeps e.g. 720 GB-hours in a 30-day month exactly 1 GB-month.
 */
export function convertQuantity(conversion: QuantityConversion, quantity: Decimal, usageDay: Date): Decimal {
  switch (conversion) {
    case "IDENTITY":
      return quantity;
    case "GB_HOURS_TO_GB_MONTH":
      return quantity.div(24 * daysInUtcMonth(usageDay));
  }
}

/** Human wording of a conversion, for the Meters page. */
export function describeConversion(conversion: QuantityConversion): string {
  return conversion === "IDENTITY" ? "× 1" : "GB-hours ÷ (24 × days in the month) → GB-month";
}

/**
 * The commerce meter and quantity Microsoft bills for `quantity` of a local meter on `usageDay`,
 * for tenant usage or the operator's own (admin) subscriptions. Null when Microsoft doesn't bill
 * the meter (or the id is not a GUID): such usage is only for the partner's own chargeback.
 */
export function toCommerceQuantity(
  mappings: MeterMappingTable,
  localMeterId: string,
  quantity: Decimal,
  usageDay: Date,
  audience: MeterAudience,
): CommerceQuantity | null {
  const id = normaliseMeterId(localMeterId);
  const mapping = id ? mappings.get(id) : undefined;
  if (!mapping) return null;
  return {
    commerceMeterId: audience === "ADMIN" ? mapping.adminCommerceMeterId : mapping.tenantCommerceMeterId,
    quantity: convertQuantity(mapping.conversion, quantity, usageDay),
    conversion: mapping.conversion,
  };
}
