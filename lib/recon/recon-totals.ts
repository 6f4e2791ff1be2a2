// Billing page / dashboard / customer usage totals, computed IN SQL from RatedUsageDaily: the
// daily rollup the database keeps of RatedUsageLine (triggers, migration rated_usage_daily) whose
// total is the sum of each line's FLOORed amount (= reconLineTotal), so the page equals the recon
// file to the cent while reading ~(resources per meter) times fewer rows than the lines, and
// nothing streams through Node. One scan with GROUPING SETS: per customer, per day × meter, per
// unregistered local subscription, and the grand total.
// No "server-only": tests and the bench call it directly.
import Decimal from "decimal.js";
import type { RawSql } from "../database/open-database";
import { reconWhereLiteral } from "./recon-csv-sql";
import type { ResolvedReconQuery } from "./recon-source";

export interface CustomerTotal {
  /** Customer id, or null for lines on a partner's own default subscription. */
  customerId: string | null;
  name: string;
  ownerIsReseller: boolean;
  total: Decimal;
  unregisteredTotal: Decimal;
  lines: number;
}

export interface DailyMeterTotal {
  day: string;
  meterName: string;
  localMeterId: string;
  total: Decimal;
  quantity: Decimal;
}

export interface ReconTotals {
  currency: string;
  total: Decimal;
  unregisteredTotal: Decimal;
  /** Local subscriptions whose tenant isn't registered: register them to bill the right customer. */
  unregisteredSubscriptions: string[];
  lines: number;
  customers: CustomerTotal[];
  daily: DailyMeterTotal[];
}

interface TotalsRow {
  kind: "customer" | "daily" | "local" | "all";
  customerId: string | null;
  customerName: string | null;
  partnerName: string | null;
  ownerIsReseller: boolean | null;
  day: string | null;
  meterName: string | null;
  localMeterId: string | null;
  localSubscriptionId: string | null;
  unregisteredTenant: boolean | null;
  currency: string | null;
  total: string;
  unregisteredTotal: string;
  quantity: string;
  lines: number | string;
}

export function reconTotalsSql(query: ResolvedReconQuery): string {
  return `
SELECT CASE WHEN GROUPING(p."id") = 0 THEN 'customer' WHEN GROUPING(l."usageDate") = 0 THEN 'daily'
            WHEN GROUPING(l."localSubscriptionId") = 0 THEN 'local' ELSE 'all' END AS "kind",
       c."id" AS "customerId", c."companyName" AS "customerName", p."name" AS "partnerName",
       (o."kind" = 'INDIRECT_RESELLER') AS "ownerIsReseller",
       to_char(l."usageDate", 'YYYY-MM-DD') AS "day", m."resourceName" AS "meterName", l."localMeterId"::text AS "localMeterId",
       l."localSubscriptionId", l."unregisteredTenant", min(NULLIF(l."currency", '')) AS "currency",
       sum(l."total")::text AS "total",
       COALESCE(sum(l."total") FILTER (WHERE l."unregisteredTenant"), 0)::text AS "unregisteredTotal",
       sum(l."quantity")::text AS "quantity", sum(l."lines")::int AS "lines"
  FROM "RatedUsageDaily" l
  JOIN "AzureSubscription" s ON s."id" = l."azureSubscriptionId"
  LEFT JOIN "Customer" c ON c."id" = s."customerId"
  JOIN "Partner" p ON p."id" = s."rollsUpToPartnerId"
  JOIN "Partner" o ON o."id" = COALESCE(c."partnerId", s."rollsUpToPartnerId")
  JOIN "CommerceMeter" m ON m."id" = l."commerceMeterId"
 WHERE ${reconWhereLiteral(query)}
 GROUP BY GROUPING SETS ((c."id", c."companyName", p."id", p."name", (o."kind" = 'INDIRECT_RESELLER')),
                (l."usageDate", m."resourceName", l."localMeterId"),
                (l."localSubscriptionId", l."unregisteredTenant"),
                ())
HAVING sum(l."lines") > 0`;
}

export async function reconTotals(sql: Pick<RawSql, "query">, query: ResolvedReconQuery): Promise<ReconTotals> {
  const { rows } = await sql.query<TotalsRow>(reconTotalsSql(query));
  const result: ReconTotals = { currency: "", total: new Decimal(0), unregisteredTotal: new Decimal(0), unregisteredSubscriptions: [], lines: 0, customers: [], daily: [] };
  for (const row of rows) {
    if (row.kind === "all") {
      // An empty selection still yields the grand-total row, with NULL sums.
      result.currency = row.currency ?? "";
      result.total = new Decimal(row.total ?? 0);
      result.unregisteredTotal = new Decimal(row.unregisteredTotal ?? 0);
      result.lines = Number(row.lines);
    } else if (row.kind === "customer") {
      result.customers.push({
        customerId: row.customerId,
        name: row.customerName ?? `${row.partnerName} (own subscription)`,
        ownerIsReseller: row.ownerIsReseller === true,
        total: new Decimal(row.total),
        unregisteredTotal: new Decimal(row.unregisteredTotal),
        lines: Number(row.lines),
      });
    } else if (row.kind === "daily") {
      result.daily.push({ day: row.day ?? "", meterName: row.meterName ?? "", localMeterId: row.localMeterId ?? "", total: new Decimal(row.total), quantity: new Decimal(row.quantity) });
    } else if (row.kind === "local" && row.unregisteredTenant === true && row.localSubscriptionId !== null) {
      result.unregisteredSubscriptions.push(row.localSubscriptionId);
    }
  }
  result.unregisteredSubscriptions.sort();
  result.customers.sort((a, b) => b.total.comparedTo(a.total) || a.name.localeCompare(b.name));
  result.daily.sort((a, b) => a.day.localeCompare(b.day) || a.meterName.localeCompare(b.meterName));
  return result;
}
