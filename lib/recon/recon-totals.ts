// Billing page / dashboard / customer usage totals, computed IN SQL from RatedUsageDaily: the
// daily rollup the database keeps of RatedUsageLine (triggers, migration rated_usage_daily) whose
// total is the sum of each line's FLOORed amount (= reconLineTotal), so the page equals the recon
// file to the cent while reading ~(resources per meter) times fewer rows than the lines, and
// nothing streams through Node. Sums per subscription (→ customer), per day × meter, per
// unregistered local subscription, and the grand total.
// No "server-only": tests and the bench call it directly.
import Decimal from "decimal.js";
import type { RawSql } from "../database/open-database";
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
  unregisteredTotal: string | null;
  quantity: string | null;
  lines: number | string;
}

/**
 * The selection's rollup rows (MATERIALIZED: read once), summed at the grain each chart/table
 * shows, on RatedUsageDaily alone, THEN joined to names: the joins see ~1,000 subscription sums
 * and ~60 day × meter sums instead of every rollup row of the month (62k for 1,000 customers).
 * Each grain computes only the sums it shows (a GROUPING SETS pass did every sum for every set:
 * 4× the numeric additions). The grand total sums the per-subscription sums (every rollup row has
 * a subscription). The scope's subscriptions are one uuid[] parameter (a literal array of 1,000
 * was re-tested on each index probe: ~1 s on PostgreSQL).
 * Clauses for absent filters are left out (not "$n IS NULL OR …", which keeps indexes unused).
 */
export function reconTotalsSql(query: ResolvedReconQuery): string {
  return `
WITH l AS MATERIALIZED (
  SELECT d."azureSubscriptionId", d."usageDate", d."commerceMeterId", d."localMeterId", d."localSubscriptionId", d."unregisteredTenant",
         d."currency", d."total", d."quantity", d."lines"
    FROM "RatedUsageDaily" d
   WHERE d."usageDate" BETWEEN $1::date AND $2::date
     ${query.subscriptionIds ? `AND d."azureSubscriptionId" IN (SELECT unnest($3::uuid[]))` : ""}
     ${query.registrationId ? `AND d."registrationId" = $${query.subscriptionIds ? 4 : 3}::text` : ""}
),
by_sub AS (
  SELECT l."azureSubscriptionId", min(NULLIF(l."currency", '')) AS "currency", sum(l."total") AS "total",
         COALESCE(sum(l."total") FILTER (WHERE l."unregisteredTenant"), 0) AS "unregisteredTotal", sum(l."lines") AS "lines"
    FROM l GROUP BY l."azureSubscriptionId"
)
SELECT 'customer' AS "kind", c."id" AS "customerId", c."companyName" AS "customerName", p."name" AS "partnerName",
       (o."kind" = 'INDIRECT_RESELLER') AS "ownerIsReseller", NULL AS "day", NULL AS "meterName", NULL AS "localMeterId",
       NULL AS "localSubscriptionId", NULL::boolean AS "unregisteredTenant", NULL AS "currency",
       sum(g."total")::text AS "total", sum(g."unregisteredTotal")::text AS "unregisteredTotal", NULL AS "quantity", sum(g."lines")::int AS "lines"
  FROM by_sub g
  JOIN "AzureSubscription" s ON s."id" = g."azureSubscriptionId"
  LEFT JOIN "Customer" c ON c."id" = s."customerId"
  JOIN "Partner" p ON p."id" = s."rollsUpToPartnerId"
  JOIN "Partner" o ON o."id" = COALESCE(c."partnerId", s."rollsUpToPartnerId")
 GROUP BY c."id", c."companyName", p."id", p."name", (o."kind" = 'INDIRECT_RESELLER')
HAVING sum(g."lines") > 0
UNION ALL
SELECT 'daily', NULL, NULL, NULL, NULL, to_char(g."usageDate", 'YYYY-MM-DD'), m."resourceName", g."localMeterId"::text, NULL, NULL, NULL,
       sum(g."total")::text, NULL, sum(g."quantity")::text, sum(g."lines")::int
  FROM (SELECT l."usageDate", l."commerceMeterId", l."localMeterId", sum(l."total") AS "total", sum(l."quantity") AS "quantity", sum(l."lines") AS "lines"
          FROM l GROUP BY l."usageDate", l."commerceMeterId", l."localMeterId") g
  JOIN "CommerceMeter" m ON m."id" = g."commerceMeterId"
 GROUP BY g."usageDate", m."resourceName", g."localMeterId"
HAVING sum(g."lines") > 0
UNION ALL
SELECT 'local', NULL, NULL, NULL, NULL, NULL, NULL, NULL, l."localSubscriptionId", true, NULL, NULL, NULL, NULL, sum(l."lines")::int
  FROM l WHERE l."unregisteredTenant" GROUP BY l."localSubscriptionId"
HAVING sum(l."lines") > 0
UNION ALL
SELECT 'all', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, min(g."currency"),
       sum(g."total")::text, sum(g."unregisteredTotal")::text, NULL, sum(g."lines")::int
  FROM by_sub g
HAVING sum(g."lines") > 0`;
}

/** The parameters of reconTotalsSql for a resolved query. */
export function reconTotalsParams(query: ResolvedReconQuery): unknown[] {
  const params: unknown[] = [query.from, query.to];
  if (query.subscriptionIds) params.push(query.subscriptionIds);
  if (query.registrationId) params.push(query.registrationId);
  return params;
}

export async function reconTotals(sql: Pick<RawSql, "query">, query: ResolvedReconQuery): Promise<ReconTotals> {
  const { rows } = await sql.query<TotalsRow>(reconTotalsSql(query), reconTotalsParams(query));
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
        unregisteredTotal: new Decimal(row.unregisteredTotal ?? 0),
        lines: Number(row.lines),
      });
    } else if (row.kind === "daily") {
      result.daily.push({ day: row.day ?? "", meterName: row.meterName ?? "", localMeterId: row.localMeterId ?? "", total: new Decimal(row.total), quantity: new Decimal(row.quantity ?? 0) });
    } else if (row.kind === "local" && row.unregisteredTenant === true && row.localSubscriptionId !== null) {
      result.unregisteredSubscriptions.push(row.localSubscriptionId);
    }
  }
  result.unregisteredSubscriptions.sort();
  result.customers.sort((a, b) => b.total.comparedTo(a.total) || a.name.localeCompare(b.name));
  result.daily.sort((a, b) => a.day.localeCompare(b.day) || a.meterName.localeCompare(b.meterName));
  return result;
}
