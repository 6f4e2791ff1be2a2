"use client";
// The customer portal's cost analysis charts, at the partner's prices: charges per day grouped by
// meter or subscription (a click on a series drills down: that meter's subscriptions, or that
// subscription's meters), the six months' totals, and the month's accumulated charges against the
// customer's budget. The portal's own Recharts components draw them; the data never holds a cost.
import { useState } from "react";
import type { CostAnalysis } from "@/lib/cost-analysis/get-cost-analysis";
import type { PortalCharges } from "@/lib/customer-portal/get-portal-charges";
import { portalCostBreakdown, type PortalFilter, type PortalGroup } from "@/lib/customer-portal/portal-cost-breakdown";
import { formatMoney } from "@/lib/format/money";
import { AccumulatedChart, CostBreakdownChart } from "@/components/cost-analysis/cost-charts";
import { CostTable } from "@/components/cost-analysis/cost-table";
import { Card } from "@/components/ui/card";

const GROUP_LABELS: Record<PortalGroup, string> = { meter: "meter", subscription: "subscription" };

type ChartData = Omit<PortalCharges, "lines">;

function monthlyAnalysis(charges: ChartData): CostAnalysis {
  const series = [{ key: "charges", label: `Charges at ${charges.partnerName}'s prices` }];
  return {
    query: { from: charges.months[0]?.period ?? charges.period, to: charges.period, granularity: "monthly", groupBy: "customer", compare: "none", filters: {} },
    currency: charges.currency,
    buckets: charges.months.map((month) => month.period),
    series,
    values: charges.months.map((month) => ({ charges: month.total })),
    bucketTotals: charges.months.map((month) => month.total),
    seriesTotals: { charges: charges.total },
    total: charges.total,
    compare: null,
  };
}

export function PortalCostCharts({ charges }: { charges: ChartData }) {
  const [groupBy, setGroupBy] = useState<PortalGroup>("meter");
  const [filter, setFilter] = useState<PortalFilter>({});
  const [mode, setMode] = useState<"chart" | "table">("chart");
  const daily = portalCostBreakdown(charges, groupBy, filter);
  const drilled = filter.meter ?? filter.subscription;
  const drilledLabel = filter.meter
    ? (charges.dailyLines.find((line) => line.meterKey === filter.meter)?.meterName ?? filter.meter)
    : filter.subscription
      ? (charges.subscriptions.find((subscription) => subscription.id === filter.subscription)?.displayName ?? filter.subscription)
      : null;
  const drill = (key: string) => {
    if (key === "__other" || drilled) return;
    if (groupBy === "meter") {
      setFilter({ meter: key });
      setGroupBy("subscription");
    } else {
      setFilter({ subscription: key });
      setGroupBy("meter");
    }
  };
  const reset = () => setFilter({});
  return (
    <div className="space-y-6">
      <Card title={`Charges per day, ${charges.period}`}>
        <div className="mb-3 flex flex-wrap items-center gap-2 text-sm">
          <label className="flex items-center gap-2">
            Group by
            <select
              className="rounded border border-slate-300 px-2 py-1"
              value={groupBy}
              onChange={(event) => {
                setGroupBy(event.target.value as PortalGroup);
                setFilter({});
              }}
              aria-label="Group by"
            >
              <option value="meter">Meter</option>
              <option value="subscription">Subscription</option>
            </select>
          </label>
          {drilled ? (
            <span data-testid="portal-drill" className="flex items-center gap-2 rounded bg-brand-50 px-2 py-1">
              {filter.meter ? "Meter" : "Subscription"}: {drilledLabel}
              <button type="button" className="text-brand-700 underline" onClick={reset}>
                Clear
              </button>
            </span>
          ) : (
            <span className="text-xs text-slate-500">click a series to drill down</span>
          )}
          <span className="ml-auto flex gap-1">
            {(["chart", "table"] as const).map((value) => (
              <button
                key={value}
                type="button"
                aria-pressed={mode === value}
                className={`rounded px-2 py-1 ${mode === value ? "bg-brand-600 text-white" : "border border-slate-300"}`}
                onClick={() => setMode(value)}
              >
                {value === "chart" ? "Chart" : "Table"}
              </button>
            ))}
          </span>
        </div>
        <p className="mb-2 text-sm">
          {/* Undrilled, the month's statement total (each meter line rounded once); drilled, the part's sum of its days. */}
          {drilled ? `${drilledLabel}, by ${GROUP_LABELS[groupBy]}` : `${charges.period}, by ${GROUP_LABELS[groupBy]}`}:{" "}
          <span data-testid="portal-chart-total">{formatMoney(drilled ? daily.total : charges.total, charges.currency)}</span>
        </p>
        {mode === "chart" ? <CostBreakdownChart analysis={daily} onSelect={drill} /> : <CostTable analysis={daily} onSelect={drill} />}
        <p className="mt-2 text-xs text-slate-500">
          Days are in UTC. A day&apos;s charges are rounded to the cent here; the month&apos;s total rounds each meter line once.
        </p>
      </Card>
      <Card title={`Accumulated charges, ${charges.period}`}>
        {charges.accumulated.budget ? (
          <p className="mb-2 text-sm" data-testid="portal-budget">
            Monthly budget: {formatMoney(charges.accumulated.budget.amount, charges.accumulated.budget.currency)}
          </p>
        ) : null}
        <AccumulatedChart accumulated={charges.accumulated} chargesOnly={{ label: `Charges at ${charges.partnerName}'s prices` }} />
      </Card>
      <Card title="Charges per month">
        <div data-testid="portal-months">
          <CostBreakdownChart analysis={monthlyAnalysis(charges)} onSelect={() => undefined} />
        </div>
      </Card>
    </div>
  );
}
