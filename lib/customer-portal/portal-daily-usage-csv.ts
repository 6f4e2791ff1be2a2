// The customer portal's daily usage CSV (`GET /api/my/usage?period=&grain=daily`): one row per usage
// day (UTC), meter and the customer's unit price, at the partner's prices; never Microsoft's cost or
// the margin. Every cell goes through the portal's CSV-injection guard.
import { stringify } from "csv-stringify/sync";
import { neutraliseCsvCell } from "../files/neutralise-csv-cell";
import { formatUnitPrice } from "../chargeback/chargeback-math";
import type { PortalDailyUsage } from "./get-portal-daily-usage";

const COLUMNS = ["UsageDate", "CustomerName", "MeterCategory", "MeterName", "MeterId", "Unit", "Quantity", "UnitPrice", "Amount", "Currency"];

export function portalDailyUsageCsv(usage: PortalDailyUsage): string {
  const rows = usage.rows.map((row) => [
    row.day,
    usage.customer.companyName,
    row.category,
    row.meterName,
    row.meterId,
    row.unit,
    row.quantity,
    formatUnitPrice(row.unitPrice),
    row.amount,
    usage.currency,
  ]);
  return stringify([COLUMNS, ...rows.map((row) => row.map(neutraliseCsvCell))]);
}
