import "server-only";
// A customer statement as CSV: the same lines and rounded amounts as the page. Microsoft cost and
// margin columns exist only when the statement carries them (the billing partner); every cell goes
// through the portal's CSV-injection guard (amounts are plain numbers, which it leaves as numbers).
import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import { neutraliseCsvCell } from "../files/neutralise-csv-cell";
import { BILLING_PERIOD_MESSAGE, BILLING_PERIOD_PATTERN } from "../billing/billing-period";
import { formatUnitPrice } from "./chargeback-math";
import type { CustomerStatement } from "./get-customer-statement";
import { fileNameSlug } from "../files/download-file-name";

export const statementQuerySchema = z.object({
  period: z.string().regex(BILLING_PERIOD_PATTERN, BILLING_PERIOD_MESSAGE),
});

const PUBLIC_COLUMNS = [
  "Period",
  "CustomerName",
  "CustomerDomain",
  "MeterCategory",
  "MeterName",
  "MeterId",
  "Unit",
  "Quantity",
  "UnitPrice",
  "PriceVaries",
  "FirstDay",
  "LastDay",
  "Amount",
  "Currency",
];
const COST_COLUMNS = ["MicrosoftCost", "Margin"];

export function statementCsv(statement: CustomerStatement): string {
  const header = statement.showsCost ? [...PUBLIC_COLUMNS, ...COST_COLUMNS] : PUBLIC_COLUMNS;
  const base = (line: CustomerStatement["lines"][number]) => [
    statement.period,
    statement.customer.companyName,
    statement.customer.domain,
    line.category,
    line.meterName,
    line.meterId,
    line.unit,
    line.quantity.toFixed(),
    formatUnitPrice(line.unitPrice),
    line.priceVaries ? "yes" : "no",
    line.firstDay,
    line.lastDay,
    line.amount.toFixed(2),
    statement.currency,
  ];
  const rows: string[][] = statement.showsCost
    ? statement.lines.map((line) => [...base(line), line.microsoftCost.toFixed(2), line.margin.toFixed(2)])
    : statement.lines.map(base);
  const totalRow = [
    statement.period,
    statement.customer.companyName,
    statement.customer.domain,
    "",
    "Total",
    "",
    "",
    "",
    "",
    "",
    statement.from,
    statement.to,
    statement.total.toFixed(2),
    statement.currency,
  ];
  rows.push(statement.showsCost ? [...totalRow, statement.microsoftCost.toFixed(2), statement.margin.toFixed(2)] : totalRow);
  return stringify([header, ...rows.map((row) => row.map(neutraliseCsvCell))]);
}

export function statementFileName(companyName: string, period: string): string {
  const slug = fileNameSlug(companyName, "customer", 60);
  return `statement_${slug}_${period}.csv`;
}
