"use client";
// Daily cost stacked by commerce meter and daily quantity per local meter, as charts or tables.
// Amounts arrive as exact decimal strings (the recon file's figures); they become numbers only to
// be plotted, while the table shows the strings unchanged.
import { useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatAxisAmount, formatMoney } from "@/lib/format/money";

export interface UsageSeries {
  days: string[];
  keys: string[];
  /** values[dayIndex][key] as decimal strings */
  values: Record<string, string>[];
}

const COLORS = ["#2563eb", "#16a34a", "#d97706", "#9333ea", "#dc2626", "#0891b2", "#4d7c0f", "#be185d", "#475569", "#ea580c"];

function chartRows(series: UsageSeries) {
  return series.days.map((day, i) => {
    const row: Record<string, string | number> = { day: day.slice(5) };
    for (const key of series.keys) row[key] = Number(series.values[i][key] ?? "0");
    return row;
  });
}

/** `currency` set: the series are amounts in it (tooltips name it); unset: quantities. */
function SeriesChart({ series, yLabel, currency }: { series: UsageSeries; yLabel: string; currency?: string }) {
  return (
    <div className="h-72 w-full" data-testid="usage-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={chartRows(series)} margin={{ left: 16, bottom: 16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" label={{ value: "Usage day (UTC)", position: "insideBottom", offset: -8 }} />
          <YAxis tickFormatter={(value: number) => formatAxisAmount(value)} label={{ value: yLabel, angle: -90, position: "insideLeft" }} />
          <Tooltip
            labelFormatter={(day) => `Usage day ${String(day)} (UTC)`}
            formatter={(value) =>
              currency !== undefined ? formatMoney(Number(value), currency) : Number(value).toLocaleString("en-US", { maximumFractionDigits: 4 })
            }
          />
          <Legend verticalAlign="top" />
          {series.keys.map((key, i) => (
            <Bar key={key} dataKey={key} stackId="a" fill={COLORS[i % COLORS.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

function SeriesTable({ series, testId }: { series: UsageSeries; testId: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid={testId}>
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr>
            <th className="py-2">Day</th>
            {series.keys.map((key) => (
              <th key={key} className="py-2 text-right">
                {key}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {series.days.map((day, i) => (
            <tr key={day}>
              <td className="py-1.5">{day}</td>
              {series.keys.map((key) => (
                <td key={key} className="py-1.5 text-right tabular-nums">
                  {series.values[i][key] ?? "0"}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CustomerUsageView({ cost, quantity, currency }: { cost: UsageSeries; quantity: UsageSeries; currency: string }) {
  const [mode, setMode] = useState<"chart" | "table">("chart");
  const toggle = (next: "chart" | "table") =>
    `rounded-md px-3 py-1 text-sm ${mode === next ? "bg-brand-500 text-white" : "border border-slate-300 bg-white text-slate-700"}`;
  return (
    <div className="space-y-6">
      <div className="flex gap-2" role="group" aria-label="View">
        <button type="button" className={toggle("chart")} onClick={() => setMode("chart")} aria-pressed={mode === "chart"}>
          Chart
        </button>
        <button type="button" className={toggle("table")} onClick={() => setMode("table")} aria-pressed={mode === "table"}>
          Table
        </button>
      </div>
      <section>
        <h2 className="mb-2 text-base font-semibold">Daily cost by commerce meter ({currency || "no price"})</h2>
        {mode === "chart" ? (
          <SeriesChart series={cost} yLabel={`Pre-tax (${currency || "no price"})`} currency={currency} />
        ) : (
          <SeriesTable series={cost} testId="cost-table" />
        )}
      </section>
      <section>
        <h2 className="mb-2 text-base font-semibold">Daily quantity by local meter (billed units)</h2>
        {mode === "chart" ? <SeriesChart series={quantity} yLabel="Quantity" /> : <SeriesTable series={quantity} testId="quantity-table" />}
      </section>
    </div>
  );
}
