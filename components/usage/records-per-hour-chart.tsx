"use client";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { UsageHourPoint } from "@/lib/usage/get-usage-registration-detail";

/** Records received per hour (last 48 h, UTC), accepted + duplicates + corrections, and rejected stacked on top. */
export function RecordsPerHourChart({ points }: { points: UsageHourPoint[] }) {
  const data = points.map((p) => ({ ...p, label: p.hour.slice(11, 16) }));
  return (
    <div className="h-56 w-full" role="img" aria-label="Records received per hour, last 48 hours">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={5} />
          <YAxis tick={{ fontSize: 11 }} width={56} allowDecimals={false} />
          <Tooltip labelFormatter={(_label, payload) => String(payload?.[0]?.payload?.hour ?? "")} />
          <Bar dataKey="records" name="Records" stackId="a" fill="#2563eb" />
          <Bar dataKey="rejected" name="Rejected" stackId="a" fill="#dc2626" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
