// Billing page / dashboard / customer usage totals, computed IN SQL from RatedUsageMonthly and
// RatedUsageDaily: the rollups the database keeps of RatedUsageLine (triggers, migrations
// rated_usage_daily and rated_usage_monthly) whose total is the sum of each line's FLOORed amount
// (= reconLineTotal), so the page equals the recon file to the cent while reading far fewer rows
// than the lines, and nothing streams through Node. Sums per subscription (→ customer), per
// unregistered local subscription, the grand total and (when asked) per day × meter.
// No "server-only": tests and the bench call it directly.
import Decimal from "decimal.js";
import type { RawSql } from "../database/open-database";
import type { ResolvedReconQuery } from "../recon/recon-source";
import { periodRange } from "../billing/billing-period";
import { reconLineTotalSql } from "../recon/recon-csv-sql";
import type { ReconConversions } from "../recon/recon-currency";

export interface CustomerTotal {
  /** Customer id, or null for lines on a partner's own default subscription. */
  customerId: string | null;
  name: string;
  /** The reseller that owns the customer (a distributor's view), or null when the partner itself does. */
  resellerName: string | null;
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
  /** The conversions the amounts went through (pricing → billing currency), for the pages to name. */
  conversions?: ReconConversions;
}

interface TotalsRow {
  kind: "customer" | "daily" | "local" | "all";
  customerId: string | null;
  customerName: string | null;
  partnerName: string | null;
  resellerName: string | null;
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

/** Which grains to compute beyond the totals per customer / unregistered subscription / all. */
export interface ReconTotalsOptions {
  /**
   * The day × meter cells (the customer usage page's charts). Off by default: the partner-wide
   * billing page and dashboard don't show them, and they are the one grain the month rollup lacks.
   */
  daily?: boolean;
}

/**
 * The sums at the grain each table/chart shows, each read from the smallest rollup that has it,
 * THEN joined to names (the joins see ~1,000 subscription sums, not every rollup row):
 * - per subscription (→ customer), unregistered local subscriptions, grand total: from
 *   RatedUsageMonthly when the range is the whole period (every page), 1 row per subscription ×
 *   local subscription instead of RatedUsageDaily's days × meters (62k rows for 1,000 customers);
 *   a from/to inside the period reads RatedUsageDaily's days instead;
 * - day × meter (options.daily): from RatedUsageDaily.
 * The source rows are MATERIALIZED (read once for the three grains); each grain computes only the
 * sums it shows. The grand total sums the per-subscription sums. The scope's subscriptions are one
 * uuid[] parameter (a literal array of 1,000 was re-tested on each index probe: ~1 s on PostgreSQL).
 * RatedUsageMonthly's period is the month's first day, i.e. the whole period's from.
 * Clauses for absent filters are left out (not "$n IS NULL OR …", which keeps indexes unused).
 */
export function reconTotalsQuery(query: ResolvedReconQuery, options: ReconTotalsOptions = {}): { text: string; params: unknown[] } {
  // Each parameter is numbered on first use and reused after (the daily grain repeats the scope
  // filter: the subscription array is sent once); an unused one would be an untyped $n to PostgreSQL.
  const params: unknown[] = [];
  const lazyParam = (value: unknown, type: string) => {
    let placeholder: string | undefined;
    return () => {
      if (!placeholder) {
        params.push(value);
        placeholder = `$${params.length}::${type}`;
      }
      return placeholder;
    };
  };
  const from = lazyParam(query.from, "date");
  const to = lazyParam(query.to, "date");
  const subscriptions = lazyParam(query.subscriptionIds, "uuid[]");
  const registration = lazyParam(query.registrationId, "text");
  const range = periodRange(query.period);
  // Lines converted to a billing currency (query.conversions, docs/currency.md) are summed from the
  // lines themselves: each is FLOORed once in the billing currency, which no pricing-currency sum
  // in the rollups can give. The rollup's columns, per line, with the line's billing total.
  const converting = Object.keys(query.conversions ?? {}).length > 0;
  const conversions = lazyParam(JSON.stringify(query.conversions ?? {}), "jsonb");
  // The conversions as rows per subscription (billing partner × pricing currency → its subscriptions,
  // ~1 row per subscription), hash-joined to the lines; a line without one is at rate 1. FLOOR(x, 2)
  // is trunc(x, 2) when no factor is negative (cheaper, as in the COPY writer).
  const convertedLines = () => `(
    SELECT l."azureSubscriptionId", l."usageDate", l."registrationId", l."commerceMeterId", l."localMeterId", l."localSubscriptionId",
           l."unregisteredTenant", COALESCE(cv."billingCurrency", l."currency", '') AS "currency",
           CASE WHEN l."unitPrice" < 0 OR l."quantity" < 0 THEN ${reconLineTotalSql(`l."unitPrice"`, `l."quantity"`, `COALESCE(cv."rate", 1)`)}
                ELSE COALESCE(trunc(l."unitPrice" * l."quantity" * COALESCE(cv."rate", 1), 2), 0.00) END AS "total", l."quantity", 1 AS "lines"
      FROM "RatedUsageLine" l
      LEFT JOIN (SELECT s."id" AS "azureSubscriptionId", split_part(e.key, '|', 2) AS "pricingCurrency",
                        e.value ->> 'billingCurrency' AS "billingCurrency", (e.value ->> 'rate')::numeric AS "rate"
                   FROM jsonb_each(${conversions()}) e
                   JOIN "AzureSubscription" s ON s."rollsUpToPartnerId" = split_part(e.key, '|', 1)) cv
        ON cv."azureSubscriptionId" = l."azureSubscriptionId" AND cv."pricingCurrency" = l."currency")`;
  // The pages always ask for whole periods; the API's from/to may cut one.
  const wholePeriod = !converting && query.from === range.from && query.to === range.to;
  const daily = converting ? convertedLines() : `"RatedUsageDaily"`;
  const scopeFilter = () =>
    [
      query.subscriptionIds ? `AND r."azureSubscriptionId" IN (SELECT unnest(${subscriptions()}))` : "",
      query.registrationId ? `AND r."registrationId" = ${registration()}` : "",
    ].join(" ");
  const inRange = () => `r."usageDate" BETWEEN ${from()} AND ${to()}`;
  const text = `
WITH l AS MATERIALIZED (
  SELECT r."azureSubscriptionId", r."localSubscriptionId", r."unregisteredTenant", r."currency", r."total", r."lines"
    FROM ${wholePeriod ? `"RatedUsageMonthly"` : daily} r
   WHERE ${wholePeriod ? `r."period" = ${from()}` : inRange()} ${scopeFilter()}
),
by_sub AS (
  SELECT l."azureSubscriptionId", min(NULLIF(l."currency", '')) AS "currency", sum(l."total") AS "total",
         COALESCE(sum(l."total") FILTER (WHERE l."unregisteredTenant"), 0) AS "unregisteredTotal", sum(l."lines") AS "lines"
    FROM l GROUP BY l."azureSubscriptionId"
)
SELECT 'customer' AS "kind", c."id" AS "customerId", c."companyName" AS "customerName", p."name" AS "partnerName",
       CASE WHEN o."kind" = 'INDIRECT_RESELLER' THEN o."name" END AS "resellerName", NULL AS "day", NULL AS "meterName", NULL AS "localMeterId",
       NULL AS "localSubscriptionId", NULL::boolean AS "unregisteredTenant", NULL AS "currency",
       sum(g."total")::text AS "total", sum(g."unregisteredTotal")::text AS "unregisteredTotal", NULL AS "quantity", sum(g."lines")::int AS "lines"
  FROM by_sub g
  JOIN "AzureSubscription" s ON s."id" = g."azureSubscriptionId"
  LEFT JOIN "Customer" c ON c."id" = s."customerId"
  JOIN "Partner" p ON p."id" = s."rollsUpToPartnerId"
  JOIN "Partner" o ON o."id" = COALESCE(c."partnerId", s."rollsUpToPartnerId")
 GROUP BY c."id", c."companyName", p."id", p."name", o."kind", o."name"
HAVING sum(g."lines") > 0
${
  options.daily
    ? `UNION ALL
SELECT 'daily', NULL, NULL, NULL, NULL, to_char(g."usageDate", 'YYYY-MM-DD'), m."resourceName", g."localMeterId"::text, NULL, NULL, NULL,
       sum(g."total")::text, NULL, sum(g."quantity")::text, sum(g."lines")::int
  FROM (SELECT r."usageDate", r."commerceMeterId", r."localMeterId", sum(r."total") AS "total", sum(r."quantity") AS "quantity", sum(r."lines") AS "lines"
          FROM ${daily} r WHERE ${inRange()} ${scopeFilter()}
         GROUP BY r."usageDate", r."commerceMeterId", r."localMeterId") g
  JOIN "CommerceMeter" m ON m."id" = g."commerceMeterId"
 GROUP BY g."usageDate", m."resourceName", g."localMeterId"
HAVING sum(g."lines") > 0
`
    : ""
}UNION ALL
SELECT 'local', NULL, NULL, NULL, NULL, NULL, NULL, NULL, l."localSubscriptionId", true, NULL, NULL, NULL, NULL, sum(l."lines")::int
  FROM l WHERE l."unregisteredTenant" GROUP BY l."localSubscriptionId"
HAVING sum(l."lines") > 0
UNION ALL
SELECT 'all', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, min(g."currency"),
       sum(g."total")::text, sum(g."unregisteredTotal")::text, NULL, sum(g."lines")::int
  FROM by_sub g
HAVING sum(g."lines") > 0`;
  return { text, params };
}

export async function reconTotals(sql: Pick<RawSql, "query">, query: ResolvedReconQuery, options: ReconTotalsOptions = {}): Promise<ReconTotals> {
  const { text, params } = reconTotalsQuery(query, options);
  const { rows } = await sql.query<TotalsRow>(text, params);
  const result: ReconTotals = {
    conversions: query.conversions,
    currency: "",
    total: new Decimal(0),
    unregisteredTotal: new Decimal(0),
    unregisteredSubscriptions: [],
    lines: 0,
    customers: [],
    daily: [],
  };
  for (const row of rows) {
    if (row.kind === "all") {
      // Only when the selection has lines (HAVING): an empty one keeps result's zero defaults.
      result.currency = row.currency ?? "";
      result.total = new Decimal(row.total ?? 0);
      result.unregisteredTotal = new Decimal(row.unregisteredTotal ?? 0);
      result.lines = Number(row.lines);
    } else if (row.kind === "customer") {
      result.customers.push({
        customerId: row.customerId,
        name: row.customerName ?? `${row.partnerName} (own subscription)`,
        resellerName: row.resellerName,
        total: new Decimal(row.total),
        unregisteredTotal: new Decimal(row.unregisteredTotal ?? 0),
        lines: Number(row.lines),
      });
    } else if (row.kind === "daily") {
      result.daily.push({
        day: row.day ?? "",
        meterName: row.meterName ?? "",
        localMeterId: row.localMeterId ?? "",
        total: new Decimal(row.total),
        quantity: new Decimal(row.quantity ?? 0),
      });
    } else if (row.kind === "local" && row.unregisteredTenant === true && row.localSubscriptionId !== null) {
      result.unregisteredSubscriptions.push(row.localSubscriptionId);
    }
  }
  result.unregisteredSubscriptions.sort();
  result.customers.sort((a, b) => b.total.comparedTo(a.total) || a.name.localeCompare(b.name));
  result.daily.sort((a, b) => a.day.localeCompare(b.day) || a.meterName.localeCompare(b.meterName));
  return result;
}
