"use client";
// The cost analysis's charts. Amounts arrive as exact decimal strings; they become numbers only to
// be plotted (tables show the strings). Every money axis and tooltip names its currency; quantity
// charts are one per unit, so no axis mixes units.
import { Bar, CartesianGrid, ComposedChart, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatAxisAmount, formatMoney } from "@/lib/format/money";
import type { CostAnalysis } from "@/lib/cost-analysis/get-cost-analysis";
import type { AccumulatedCost } from "@/lib/cost-analysis/get-accumulated-cost";
import type { QuantityChart } from "@/lib/cost-analysis/get-quantity-analysis";

export const SERIES_COLORS = ["#2563eb", "#16a34a", "#d97706", "#9333ea", "#dc2626", "#0891b2", "#4d7c0f", "#be185d", "#475569", "#ea580c", "#94a3b8"];
const COMPARE_KEY = "__compare";

const bucketLabel = (bucket: string, granularity: "daily" | "monthly") => (granularity === "daily" ? bucket.slice(5) : bucket);

export function CostBreakdownChart({ analysis, onSelect }: { analysis: CostAnalysis; onSelect: (key: string) => void }) {
  const { granularity } = analysis.query;
  const rows = analysis.buckets.map((bucket, index) => {
    const row: Record<string, string | number | null> = { bucket: bucketLabel(bucket, granularity) };
    for (const series of analysis.series) row[series.key] = Number(analysis.values[index][series.key] ?? 0);
    if (analysis.compare) row[COMPARE_KEY] = analysis.compare.bucketTotals[index] === undefined ? null : Number(analysis.compare.bucketTotals[index]);
    return row;
  });
  const names = new Map(analysis.series.map((series) => [series.key, series.label]));
  const compareName = analysis.compare
    ? `Total ${analysis.compare.from === analysis.compare.to ? analysis.compare.from : `${analysis.compare.from}–${analysis.compare.to}`}`
    : "";
  return (
    <div
      className="h-80 w-full"
      data-testid="usage-chart"
      role="img"
      aria-label={`Cost per ${granularity === "daily" ? "day" : "month"}, ${analysis.currency}`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={rows} margin={{ left: 16, bottom: 16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="bucket" label={{ value: granularity === "daily" ? "Usage day (UTC)" : "Month", position: "insideBottom", offset: -8 }} />
          <YAxis
            tickFormatter={(value: number) => formatAxisAmount(value)}
            label={{ value: `Pre-tax (${analysis.currency})`, angle: -90, position: "insideLeft" }}
          />
          <Tooltip
            labelFormatter={(bucket) => (granularity === "daily" ? `Usage day ${String(bucket)} (UTC)` : String(bucket))}
            formatter={(value, name) => [
              formatMoney(Number(value), analysis.currency),
              name === COMPARE_KEY ? compareName : (names.get(String(name)) ?? String(name)),
            ]}
          />
          <Legend verticalAlign="top" formatter={(value: string) => (value === COMPARE_KEY ? compareName : (names.get(value) ?? value))} />
          {analysis.series.map((series, index) => (
            <Bar
              key={series.key}
              dataKey={series.key}
              stackId="cost"
              fill={SERIES_COLORS[index % SERIES_COLORS.length]}
              isAnimationActive={false}
              cursor={series.key === "__other" ? undefined : "pointer"}
              onClick={() => onSelect(series.key)}
            />
          ))}
          {analysis.compare ? <Line dataKey={COMPARE_KEY} stroke="#0f172a" strokeDasharray="4 3" dot={false} isAnimationActive={false} /> : null}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

/** `chargesOnly` (the customer portal) draws the charges alone, under that label, never Microsoft's cost. */
export function AccumulatedChart({ accumulated, chargesOnly }: { accumulated: AccumulatedCost; chargesOnly?: { label: string } }) {
  const { cost, charges, budget } = accumulated;
  const sameCurrency = !chargesOnly && (!charges || charges.currency === cost.currency);
  const currency = charges?.currency ?? cost.currency;
  const rows = accumulated.days.map((day, index) => ({
    day: day.slice(8),
    cost: sameCurrency && cost.actual[index] !== null ? Number(cost.actual[index]) : null,
    costForecast: sameCurrency && cost.forecast[index] !== null ? Number(cost.forecast[index]) : null,
    charges: charges?.actual[index] != null ? Number(charges.actual[index]) : null,
    chargesForecast: charges?.forecast[index] != null ? Number(charges.forecast[index]) : null,
  }));
  const labels: Record<string, string> = {
    cost: "Microsoft cost",
    costForecast: "Microsoft cost, forecast",
    charges: chargesOnly?.label ?? "Charges at your prices",
    chargesForecast: "Charges, forecast",
  };
  return (
    <div className="h-72 w-full" data-testid="accumulated-chart" role="img" aria-label={`Accumulated cost of ${accumulated.period}, ${currency}`}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={{ left: 16, bottom: 16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" label={{ value: `Day of ${accumulated.period} (UTC)`, position: "insideBottom", offset: -8 }} />
          <YAxis
            tickFormatter={(value: number) => formatAxisAmount(value)}
            label={{ value: `Accumulated (${currency})`, angle: -90, position: "insideLeft" }}
          />
          <Tooltip formatter={(value, name) => [formatMoney(Number(value), currency), labels[String(name)] ?? String(name)]} />
          <Legend verticalAlign="top" formatter={(value: string) => labels[value] ?? value} />
          {sameCurrency ? <Line dataKey="cost" stroke="#2563eb" dot={false} isAnimationActive={false} connectNulls={false} /> : null}
          {sameCurrency ? <Line dataKey="costForecast" stroke="#2563eb" strokeDasharray="5 4" dot={false} isAnimationActive={false} /> : null}
          {charges ? <Line dataKey="charges" stroke="#16a34a" dot={false} isAnimationActive={false} /> : null}
          {charges ? <Line dataKey="chargesForecast" stroke="#16a34a" strokeDasharray="5 4" dot={false} isAnimationActive={false} /> : null}
          {budget ? (
            <ReferenceLine
              y={Number(budget.amount)}
              stroke="#dc2626"
              strokeDasharray="2 2"
              label={{ value: `Budget ${formatMoney(budget.amount, budget.currency)}`, position: "insideTopRight" }}
            />
          ) : null}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

export function QuantityCharts({ charts, buckets, granularity }: { charts: QuantityChart[]; buckets: string[]; granularity: "daily" | "monthly" }) {
  if (charts.length === 0) return <p className="text-sm text-slate-600">No usage in this range.</p>;
  return (
    <div className="grid gap-6 lg:grid-cols-2" data-testid="quantity-charts">
      {charts.map((chart) => {
        const rows = buckets.map((bucket, index) => {
          const row: Record<string, string | number> = { bucket: bucketLabel(bucket, granularity) };
          for (const meter of chart.meters) row[meter.key] = Number(chart.values[index][meter.key] ?? 0);
          return row;
        });
        const names = new Map(chart.meters.map((meter) => [meter.key, meter.label]));
        return (
          <figure key={chart.unit} className="h-64" data-testid="quantity-chart" data-unit={chart.unit}>
            <figcaption className="mb-1 text-sm font-medium text-slate-700">{chart.unit}</figcaption>
            <ResponsiveContainer width="100%" height="90%">
              <ComposedChart data={rows} margin={{ left: 16 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="bucket" />
                <YAxis tickFormatter={(value: number) => formatAxisAmount(value)} label={{ value: chart.unit, angle: -90, position: "insideLeft" }} />
                <Tooltip
                  formatter={(value, name) => [
                    `${Number(value).toLocaleString("en-US", { maximumFractionDigits: 4 })} ${chart.unit}`,
                    names.get(String(name)) ?? String(name),
                  ]}
                />
                <Legend verticalAlign="top" formatter={(value: string) => names.get(value) ?? value} />
                {chart.meters.map((meter, index) => (
                  <Bar key={meter.key} dataKey={meter.key} stackId="quantity" fill={SERIES_COLORS[index % SERIES_COLORS.length]} isAnimationActive={false} />
                ))}
              </ComposedChart>
            </ResponsiveContainer>
          </figure>
        );
      })}
    </div>
  );
}
