// The cost analysis table as CSV: exactly the plotted numbers (one row per bucket, one column per
// plotted series, the total, and the comparison's total and delta when comparing). Pure.
import { stringify } from "csv-stringify/sync";
import { neutraliseCsvCell } from "../files/neutralise-csv-cell";
import Decimal from "decimal.js";
import type { CostAnalysis } from "./get-cost-analysis";

export function costAnalysisCsv(analysis: CostAnalysis): string {
  const compare = analysis.compare;
  const header = [
    analysis.query.granularity === "daily" ? "Day" : "Month",
    ...analysis.series.map((series) => series.label),
    `Total (${analysis.currency})`,
    ...(compare ? [`Compared ${compare.from}–${compare.to} (${analysis.currency})`, "Delta"] : []),
  ];
  const rows = analysis.buckets.map((bucket, index) => {
    const total = analysis.bucketTotals[index];
    const compared = compare?.bucketTotals[index];
    return [
      bucket,
      ...analysis.series.map((series) => analysis.values[index][series.key] ?? "0.00"),
      total,
      ...(compare ? [compared ?? "", compared === undefined ? "" : new Decimal(total).minus(compared).toFixed(2)] : []),
    ];
  });
  const totals = [
    "Total",
    ...analysis.series.map((series) => analysis.seriesTotals[series.key] ?? "0.00"),
    analysis.total,
    ...(compare ? [compare.total, compare.delta] : []),
  ];
  return stringify([header, ...rows, totals].map((row) => row.map((cell) => neutraliseCsvCell(cell))));
}
