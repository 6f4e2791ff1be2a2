// The cost analysis's one query shape: amounts summed per bucket (day or month) × group key over
// the scope's subscriptions (or quantities, measure "quantity"), from the smallest table that has the grain:
// - RatedUsageMonthly: monthly buckets grouped by subscription, registration, local subscription,
//   customer or reseller (one row per subscription × month);
// - RatedUsageDaily: by meter, or daily buckets;
// - RatedUsageLine: by (or filtered by) resource group or resource, the one grain the rollups lack.
// Every source sums each line's FLOORed amount (the recon file's BillingPreTaxTotal), so the figures
// equal the recon file's to the cent. Filter values are compared as text: a malformed id in a URL
// matches nothing instead of failing a uuid cast. No "server-only": the bench builds it too.
import { reconLineTotalSql } from "../recon/recon-csv-sql";
import type { CostGroup } from "./cost-analysis-query";

export interface CostAnalysisSqlOptions {
  /** null: every subscription (operators). */
  subscriptionIds: string[] | null;
  from: string;
  to: string;
  bucket: "daily" | "monthly";
  /** null: one series (the comparison's and the accumulated line's totals). */
  group: CostGroup | null;
  filters: Partial<Record<CostGroup, string>>;
  /** What is summed (default amount). Quantities come from the daily rollup or the lines. */
  measure?: "amount" | "quantity";
  /**
   * "usage": the raw records of the local meters Microsoft doesn't bill (quantities only, in local
   * units, within the raw usage retention), grouped by local meter when grouped by meter.
   */
  unbilled?: boolean;
}

type Source = "monthly" | "daily" | "lines" | "usage";

const LINE_ONLY: readonly CostGroup[] = ["resourceGroup", "resource"];
const NOT_IN_MONTHLY: readonly CostGroup[] = ["meter", ...LINE_ONLY];

function sourceOf(options: CostAnalysisSqlOptions): Source {
  if (options.unbilled) return "usage";
  const used = [...(options.group ? [options.group] : []), ...(Object.keys(options.filters) as CostGroup[])];
  if (used.some((group) => LINE_ONLY.includes(group))) return "lines";
  if (options.measure !== "quantity" && options.bucket === "monthly" && !used.some((group) => NOT_IN_MONTHLY.includes(group))) return "monthly";
  return "daily";
}

/** The group key of a source row `r` (s: its subscription, c: customer, o: owning partner). */
function keyOf(group: CostGroup, source: Source): string {
  switch (group) {
    case "meter":
      return source === "usage" ? `r."localMeterId"::text` : `r."commerceMeterId"::text`;
    case "subscription":
      return `r."azureSubscriptionId"::text`;
    case "registration":
      return `r."registrationId"`;
    case "localSubscription":
      return `r."localSubscriptionId"`;
    case "resourceGroup":
      // ARM resource group names are case-insensitive: grouped lowercased. '' = not in a group.
      return `COALESCE(substring(lower(r."resourceUri") from '/resourcegroups/([^/]+)'), '')`;
    case "resource":
      return `r."resourceUri"`;
    case "customer":
      return `COALESCE(s."customerId", '')`;
    case "reseller":
      return `CASE WHEN o."kind" = 'INDIRECT_RESELLER' THEN o."id" ELSE '' END`;
  }
}

const needsOwner = (groups: CostGroup[]) => groups.some((group) => group === "customer" || group === "reseller");

export function costAnalysisSql(options: CostAnalysisSqlOptions): { text: string; params: unknown[] } {
  const source = sourceOf(options);
  const params: unknown[] = [];
  const param = (value: unknown, type: string) => {
    params.push(value);
    return `$${params.length}::${type}`;
  };
  const table = { monthly: `"RatedUsageMonthly"`, daily: `"RatedUsageDaily"`, lines: `"RatedUsageLine"`, usage: `"UsageRecord"` }[source];
  const day = source === "monthly" ? `r."period"` : `r."usageDate"`;
  const amount =
    options.measure === "quantity" || source === "usage"
      ? `r."quantity"`
      : source === "lines"
        ? reconLineTotalSql(`r."unitPrice"`, `r."quantity"`)
        : `r."total"`;
  const bucket = options.bucket === "daily" ? `to_char(${day}, 'YYYY-MM-DD')` : `to_char(${day}, 'YYYY-MM')`;
  const key = options.group ? keyOf(options.group, source) : `''`;
  const where = [
    options.subscriptionIds ? `r."azureSubscriptionId" IN (SELECT unnest(${param(options.subscriptionIds, "uuid[]")}))` : "true",
    source === "monthly"
      ? `r."period" BETWEEN ${param(`${options.from}-01`, "date")} AND ${param(`${options.to}-01`, "date")}`
      : `r."usageDate" BETWEEN ${param(`${options.from}-01`, "date")} AND (${param(`${options.to}-01`, "date")} + interval '1 month' - interval '1 day')::date`,
  ];
  const groups = [...(options.group ? [options.group] : []), ...(Object.keys(options.filters) as CostGroup[])];
  for (const [group, value] of Object.entries(options.filters) as [CostGroup, string][]) {
    where.push(`${keyOf(group, source)} = ${param(value, "text")}`);
  }
  if (source === "usage") {
    // Unbilled meters only; the registration list lets the planner walk (registrationId, usageDate).
    where.push(`r."commerceMeterId" IS NULL`, `r."registrationId" IN (SELECT "id" FROM "Registration")`);
  }
  const joins = needsOwner(groups)
    ? `JOIN "AzureSubscription" s ON s."id" = r."azureSubscriptionId"
  LEFT JOIN "Customer" c ON c."id" = s."customerId"
  JOIN "Partner" o ON o."id" = COALESCE(c."partnerId", s."rollsUpToPartnerId")`
    : "";
  const text = `
SELECT ${bucket} AS "bucket", ${key} AS "key", sum(${amount})::text AS "amount", ${source === "usage" ? "NULL::text" : `min(NULLIF(r."currency", ''))`} AS "currency"
  FROM ${table} r
  ${joins}
 WHERE ${where.join("\n   AND ")}
 GROUP BY 1, 2`;
  return { text, params };
}
