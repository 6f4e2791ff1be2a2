// The customer portal's charts from the month's daily lines (already at the partner's prices):
// charges per usage day grouped by meter or by subscription, optionally narrowed to one meter or one
// subscription (the drill-down), in the cost analysis's shape so its Recharts components draw them.
// Pure (no database): the portal's client view calls it as the reader drills down. Amounts are
// exact decimal strings, summed with decimal.js; a bucket is rounded to the cent for display only.
import Decimal from "decimal.js";
import type { CostAnalysis, CostSeries } from "../cost-analysis/get-cost-analysis";
import type { PortalCharges } from "./get-portal-charges";

export type PortalGroup = "meter" | "subscription";
export interface PortalFilter {
  meter?: string;
  subscription?: string;
}

const MAX_SERIES = 10;
const OTHER = "__other";

export function portalCostBreakdown(
  charges: Pick<PortalCharges, "period" | "currency" | "days" | "dailyLines" | "subscriptions">,
  groupBy: PortalGroup,
  filter: PortalFilter,
): CostAnalysis {
  const lines = charges.dailyLines.filter(
    (line) => (!filter.meter || line.meterKey === filter.meter) && (!filter.subscription || line.subscriptionId === filter.subscription),
  );
  const keyOf = (line: PortalCharges["dailyLines"][number]) => (groupBy === "meter" ? line.meterKey : line.subscriptionId);
  const subscriptionNames = new Map(charges.subscriptions.map((subscription) => [subscription.id, subscription.displayName]));
  const labels = new Map<string, CostSeries>();
  const totals = new Map<string, Decimal>();
  for (const line of lines) {
    const key = keyOf(line);
    if (!labels.has(key)) {
      labels.set(key, groupBy === "meter" ? { key, label: line.meterName } : { key, label: subscriptionNames.get(key) ?? key, title: key });
    }
    totals.set(key, (totals.get(key) ?? new Decimal(0)).plus(line.amount));
  }
  const ranked = [...totals.entries()].sort((a, b) => b[1].comparedTo(a[1]) || a[0].localeCompare(b[0])).map(([key]) => key);
  const shown = new Set(ranked.slice(0, ranked.length > MAX_SERIES ? MAX_SERIES - 1 : MAX_SERIES));
  const series: CostSeries[] = ranked.filter((key) => shown.has(key)).map((key) => labels.get(key) as CostSeries);
  if (ranked.length > shown.size) series.push({ key: OTHER, label: "Other" });

  const buckets = charges.days.map((day) => day.day);
  const index = new Map(buckets.map((bucket, position) => [bucket, position]));
  const sums = buckets.map(() => new Map<string, Decimal>());
  for (const line of lines) {
    const position = index.get(line.day);
    if (position === undefined) continue;
    const key = shown.has(keyOf(line)) ? keyOf(line) : OTHER;
    sums[position].set(key, (sums[position].get(key) ?? new Decimal(0)).plus(line.amount));
  }
  const cents = (amount: Decimal) => amount.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
  const values = sums.map((bucket) => Object.fromEntries(series.map((item) => [item.key, cents(bucket.get(item.key) ?? new Decimal(0))])));
  const bucketTotals = sums.map((bucket) => cents([...bucket.values()].reduce((sum, amount) => sum.plus(amount), new Decimal(0))));
  const seriesTotals: Record<string, string> = {};
  for (const item of series) {
    const sum = sums.reduce((total, bucket) => total.plus(bucket.get(item.key) ?? 0), new Decimal(0));
    seriesTotals[item.key] = cents(sum);
  }
  const total = cents(lines.reduce((sum, line) => sum.plus(line.amount), new Decimal(0)));
  return {
    query: { from: charges.period, to: charges.period, granularity: "daily", groupBy, compare: "none", filters: {} },
    currency: charges.currency,
    buckets,
    series,
    values,
    bucketTotals,
    seriesTotals,
    total,
    compare: null,
  };
}
