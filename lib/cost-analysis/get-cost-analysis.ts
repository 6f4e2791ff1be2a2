import "server-only";
// A cost analysis for the signed-in partner: its whole visible book (partner-wide) or one of its
// customers. Amounts per bucket × group (the top 10 groups by total, the rest as "Other"), the
// same numbers for the table, and the comparison period's totals aligned bucket by bucket.
import Decimal from "decimal.js";
import { getDatabase } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { resolveReconQuery } from "../recon/recon-source";
import { scopeBillingCurrency } from "../chargeback/customer-billing-currency";
import { costAnalysisSql } from "./cost-analysis-sql";
import { PARTNER_ONLY_GROUPS, shiftMonth, monthsBetween, type CostAnalysisQuery, type CostGroup } from "./cost-analysis-query";
import { unsafeLabelCostKeys, type CostSeriesLabel } from "./unsafe-label-cost-keys";

/** Series plotted one by one; the rest are summed into OTHER_KEY so charts and table stay readable. */
export const MAX_COST_SERIES = 10;
export const OTHER_KEY = "__other";

export interface CostSeries extends CostSeriesLabel {
  key: string;
}

export interface CostComparison {
  from: string;
  to: string;
  buckets: string[];
  bucketTotals: string[];
  total: string;
  /** total − the comparison's total. */
  delta: string;
  /** delta as a percentage of the comparison's total (null when that is zero). */
  deltaPercent: string | null;
}

export interface CostAnalysis {
  query: CostAnalysisQuery;
  currency: string;
  buckets: string[];
  series: CostSeries[];
  /** values[bucket index][series key]: decimal strings with 2 places (zeros included). */
  values: Record<string, string>[];
  bucketTotals: string[];
  seriesTotals: Record<string, string>;
  total: string;
  compare: CostComparison | null;
}

export interface CostAnalysisTarget {
  /** One customer of the scope; absent = everything the scope sees. */
  customerId?: string;
}

interface AmountRow {
  bucket: string;
  key: string;
  amount: string;
  currency: string | null;
}

/** Every bucket label of the months from–to (days or months). */
export function costBuckets(from: string, to: string, granularity: "daily" | "monthly"): string[] {
  const buckets: string[] = [];
  for (let index = 0; index < monthsBetween(from, to); index++) {
    const month = shiftMonth(from, index);
    if (granularity === "monthly") {
      buckets.push(month);
      continue;
    }
    const [year, monthNumber] = month.split("-").map(Number);
    const days = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
    for (let dayNumber = 1; dayNumber <= days; dayNumber++) buckets.push(`${month}-${String(dayNumber).padStart(2, "0")}`);
  }
  return buckets;
}

const sumOf = (values: Decimal[]) => values.reduce((total, value) => total.plus(value), new Decimal(0));

export async function getCostAnalysis(scope: PartnerScope, target: CostAnalysisTarget, query: CostAnalysisQuery): Promise<CostAnalysis> {
  assertScopeCan(scope, "billing:read");
  const { sql, prisma } = await getDatabase();
  // Visible subscriptions (and the customer, which must be the scope's: NotFound otherwise).
  const resolved = await resolveReconQuery(sql, scope, { period: query.to, customerId: target.customerId });
  const group: CostGroup = target.customerId && PARTNER_ONLY_GROUPS.includes(query.groupBy) ? "meter" : query.groupBy;
  const filters = Object.fromEntries(
    Object.entries(query.filters).filter(([name]) => !(target.customerId && PARTNER_ONLY_GROUPS.includes(name as CostGroup))),
  ) as CostAnalysisQuery["filters"];
  const base = { subscriptionIds: resolved.subscriptionIds, bucket: query.granularity, filters };
  const compareShift = query.compare === "previous" ? -monthsBetween(query.from, query.to) : query.compare === "year" ? -12 : 0;
  const compareRange = compareShift ? { from: shiftMonth(query.from, compareShift), to: shiftMonth(query.to, compareShift) } : null;
  const [main, compared] = await Promise.all([
    sql.query<AmountRow>(...spread(costAnalysisSql({ ...base, from: query.from, to: query.to, group }))),
    compareRange ? sql.query<AmountRow>(...spread(costAnalysisSql({ ...base, ...compareRange, group: null }))) : Promise.resolve(null),
  ]);

  const buckets = costBuckets(query.from, query.to, query.granularity);
  const bucketIndex = new Map(buckets.map((bucket, index) => [bucket, index]));
  const byKey = new Map<string, Decimal[]>();
  let currency = "";
  for (const row of main.rows) {
    const index = bucketIndex.get(row.bucket);
    if (index === undefined) continue;
    let values = byKey.get(row.key);
    if (!values) byKey.set(row.key, (values = buckets.map(() => new Decimal(0))));
    values[index] = values[index].plus(row.amount);
    if (!currency && row.currency) currency = row.currency;
  }
  const ranked = [...byKey]
    .map(([key, values]) => ({ key, values, total: sumOf(values) }))
    .sort((a, b) => b.total.comparedTo(a.total) || a.key.localeCompare(b.key));
  const shown = ranked.slice(0, MAX_COST_SERIES);
  const rest = ranked.slice(MAX_COST_SERIES);
  const labels = await unsafeLabelCostKeys(
    group,
    shown.map((entry) => entry.key),
    scope.partnerName,
  );
  const series: CostSeries[] = shown.map((entry) => ({ key: entry.key, ...(labels.get(entry.key) ?? { label: entry.key }) }));
  if (rest.length > 0) {
    series.push({ key: OTHER_KEY, label: `Other (${rest.length})` });
    shown.push({
      key: OTHER_KEY,
      values: buckets.map((_, index) => sumOf(rest.map((entry) => entry.values[index]))),
      total: sumOf(rest.map((entry) => entry.total)),
    });
  }
  const values = buckets.map((_, index) => Object.fromEntries(shown.map((entry) => [entry.key, entry.values[index].toFixed(2)])));
  const bucketTotalsDecimal = buckets.map((_, index) => sumOf(shown.map((entry) => entry.values[index])));
  const total = sumOf(bucketTotalsDecimal);

  let compare: CostComparison | null = null;
  if (compareRange && compared) {
    const compareBuckets = costBuckets(compareRange.from, compareRange.to, query.granularity);
    const compareIndex = new Map(compareBuckets.map((bucket, index) => [bucket, index]));
    const totals = compareBuckets.map(() => new Decimal(0));
    for (const row of compared.rows) {
      const index = compareIndex.get(row.bucket);
      if (index !== undefined) totals[index] = totals[index].plus(row.amount);
    }
    const compareTotal = sumOf(totals);
    const delta = total.minus(compareTotal);
    compare = {
      ...compareRange,
      buckets: compareBuckets,
      bucketTotals: totals.map((value) => value.toFixed(2)),
      total: compareTotal.toFixed(2),
      delta: delta.toFixed(2),
      deltaPercent: compareTotal.isZero() ? null : delta.dividedBy(compareTotal).times(100).toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toFixed(1),
    };
  }

  return {
    query: { ...query, groupBy: group, filters },
    currency: currency || (await scopeBillingCurrency(prisma, scope)),
    buckets,
    series,
    values,
    bucketTotals: bucketTotalsDecimal.map((value) => value.toFixed(2)),
    seriesTotals: Object.fromEntries(shown.map((entry) => [entry.key, entry.total.toFixed(2)])),
    total: total.toFixed(2),
    compare,
  };
}

function spread(query: { text: string; params: unknown[] }): [string, unknown[]] {
  return [query.text, query.params];
}
