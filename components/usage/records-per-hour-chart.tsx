"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { UsageHourPoint } from "@/lib/usage/get-usage-registration-detail";
import { formatUtcHour, formatUtcHourTick } from "@/lib/format/dates";

/**
 * Records received per hour (last 48 h), accepted + duplicates + corrections, and rejected stacked
 * on top. Every hour is a UTC hour and says so: on the axis, in the tooltip and in the summary.
 */
export function RecordsPerHourChart({ points }: { points: UsageHourPoint[] }) {
  const total = points.reduce((sum, p) => sum + p.records + p.rejected, 0);
  const first = points[0];
  const last = points.at(-1);
  const summary =
    first && last
      ? `Records received per hour, ${formatUtcHour(first.hour)} to ${formatUtcHour(last.hour)}: ${total.toLocaleString("en-US")} in all.`
      : "No hours to show.";
  return (
    <figure className="space-y-1">
      <div className="h-60 w-full" role="img" aria-label={summary} data-testid="records-per-hour-chart">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={points} margin={{ top: 8, right: 8, bottom: 16, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="hour"
              tick={{ fontSize: 11 }}
              ticks={points.filter((p) => new Date(p.hour).getUTCHours() % 6 === 0).map((p) => p.hour)}
              interval={0}
              tickFormatter={(hour: string) => formatUtcHourTick(hour)}
              label={{ value: "Hour received (UTC)", position: "insideBottom", offset: -10, fontSize: 11 }}
            />
            <YAxis
              tick={{ fontSize: 11 }}
              width={56}
              allowDecimals={false}
              tickFormatter={(value: number) => value.toLocaleString("en-US")}
              label={{ value: "Records", angle: -90, position: "insideLeft", fontSize: 11 }}
            />
            <Tooltip labelFormatter={(hour) => formatUtcHour(String(hour))} formatter={(value) => `${Number(value).toLocaleString("en-US")} records`} />
            <Legend verticalAlign="top" height={24} />
            <Bar dataKey="records" name="Received" stackId="a" fill="#2563eb" isAnimationActive={false} />
            <Bar dataKey="rejected" name="Rejected" stackId="a" fill="#dc2626" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-xs text-slate-500">{summary} Hours are UTC; the last bar is the hour in progress.</figcaption>
    </figure>
  );
}
