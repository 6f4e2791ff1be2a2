"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatAxisAmount, formatMoney } from "@/lib/format/money";

export interface MarginChartPoint {
  name: string;
  /** Chart heights only: the figures shown as text come from Decimal strings. */
  revenue: number;
  cost: number;
  margin: number;
}

/** Revenue vs Microsoft cost vs margin per customer or reseller. */
export function MarginChart({ points, currency }: { points: MarginChartPoint[]; currency: string }) {
  return (
    <div className="h-72 w-full" role="img" aria-label="Revenue, Microsoft cost and margin" data-testid="margin-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="name"
            tick={{ fontSize: 11 }}
            interval={0}
            angle={points.length > 6 ? -20 : 0}
            textAnchor={points.length > 6 ? "end" : "middle"}
            height={points.length > 6 ? 60 : 30}
          />
          <YAxis
            tick={{ fontSize: 11 }}
            width={72}
            tickFormatter={(value: number) => formatAxisAmount(value)}
            label={{ value: currency || "Amount", angle: -90, position: "insideLeft", fontSize: 11 }}
          />
          <Tooltip formatter={(value) => formatMoney(Number(value), currency)} />
          <Legend />
          <Bar dataKey="revenue" name="Revenue" fill="#2563eb" />
          <Bar dataKey="cost" name="Microsoft cost" fill="#94a3b8" />
          <Bar dataKey="margin" name="Margin" fill="#16a34a" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
