"use client";
// The cost analysis as a table: exactly the plotted numbers (the CSV export holds the same).
import type { CostAnalysis } from "@/lib/cost-analysis/get-cost-analysis";

export function CostTable({ analysis, onSelect }: { analysis: CostAnalysis; onSelect: (key: string) => void }) {
  const compare = analysis.compare;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="cost-table">
        <caption className="sr-only">
          Cost per {analysis.query.granularity === "daily" ? "day" : "month"} in {analysis.currency}
        </caption>
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr>
            <th className="py-2">{analysis.query.granularity === "daily" ? "Day" : "Month"}</th>
            {analysis.series.map((series) => (
              <th key={series.key} className="py-2 text-right" title={series.title}>
                {series.key === "__other" ? (
                  series.label
                ) : (
                  <button type="button" className="underline decoration-dotted" onClick={() => onSelect(series.key)}>
                    {series.label}
                  </button>
                )}
              </th>
            ))}
            <th className="py-2 text-right">Total ({analysis.currency})</th>
            {compare ? <th className="py-2 text-right">Compared</th> : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {analysis.buckets.map((bucket, index) => (
            <tr key={bucket}>
              <td className="py-1.5">{bucket}</td>
              {analysis.series.map((series) => (
                <td key={series.key} className="py-1.5 text-right tabular-nums">
                  {analysis.values[index][series.key]}
                </td>
              ))}
              <td className="py-1.5 text-right font-medium tabular-nums">{analysis.bucketTotals[index]}</td>
              {compare ? <td className="py-1.5 text-right tabular-nums text-slate-500">{compare.bucketTotals[index] ?? ""}</td> : null}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t border-slate-300 font-semibold">
            <td className="py-2">Total</td>
            {analysis.series.map((series) => (
              <td key={series.key} className="py-2 text-right tabular-nums">
                {analysis.seriesTotals[series.key]}
              </td>
            ))}
            <td className="py-2 text-right tabular-nums" data-testid="cost-table-total">
              {analysis.total}
            </td>
            {compare ? <td className="py-2 text-right tabular-nums text-slate-500">{compare.total}</td> : null}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
