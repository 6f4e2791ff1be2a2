"use client";
// Cost analysis (customer page and partner-wide): the URL holds the whole view (shareable; updated
// with history.replaceState, which Next keeps in step with useSearchParams, so a regrouping never
// reloads the page), the data comes through TanStack Query (cached per view, with loading and
// error states), a click on a series drills down: that series becomes a filter and the grouping
// moves one level finer.
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  COST_GROUP_LABELS,
  COST_GROUPS,
  PARTNER_ONLY_GROUPS,
  costAnalysisSearch,
  readCostAnalysisSearch,
  type CostAnalysisQuery,
  type CostGroup,
} from "@/lib/cost-analysis/cost-analysis-query";
import type { CostAnalysis } from "@/lib/cost-analysis/get-cost-analysis";
import type { AccumulatedCost } from "@/lib/cost-analysis/get-accumulated-cost";
import type { QuantityAnalysis } from "@/lib/cost-analysis/get-quantity-analysis";
import { formatMoney } from "@/lib/format/money";
import { AccumulatedChart, CostBreakdownChart, QuantityCharts } from "./cost-charts";
import { CostTable } from "./cost-table";
import { CostAnalysisControls } from "./cost-analysis-controls";

interface CostAnalysisData {
  analysis: CostAnalysis;
  accumulated: AccumulatedCost;
  quantities: QuantityAnalysis;
}

/** Where a click on a series of each grouping leads. */
const DRILL_DOWN: Record<CostGroup, CostGroup> = {
  reseller: "customer",
  customer: "meter",
  registration: "subscription",
  subscription: "localSubscription",
  localSubscription: "resourceGroup",
  resourceGroup: "resource",
  resource: "meter",
  meter: "resource",
};

async function fetchCostAnalysis(search: string): Promise<CostAnalysisData> {
  const response = await fetch(`/api/cost-analysis?${search}`, { headers: { accept: "application/json" } });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message = (body as { error?: { message?: string } } | null)?.error?.message;
    throw new Error(message ?? `The cost analysis could not be loaded (${response.status}).`);
  }
  return body as CostAnalysisData;
}

export function CostAnalysisView({ customerId, defaults }: { customerId?: string; defaults: CostAnalysisQuery }) {
  const searchParams = useSearchParams();
  const present = new URLSearchParams(searchParams.toString());
  for (const [key, value] of costAnalysisSearch(defaults)) if (!present.has(key)) present.set(key, value);
  const query = readCostAnalysisSearch(present);
  const [mode, setMode] = useState<"chart" | "table">("chart");
  const apiSearch = costAnalysisSearch(query);
  if (customerId) apiSearch.set("customerId", customerId);
  const data = useQuery({
    queryKey: ["cost-analysis", apiSearch.toString()],
    queryFn: () => fetchCostAnalysis(apiSearch.toString()),
    placeholderData: keepPreviousData,
  });

  const update = (next: CostAnalysisQuery) => {
    const params = costAnalysisSearch(next);
    window.history.replaceState(null, "", `${window.location.pathname}?${params.toString()}`);
  };
  const groups = COST_GROUPS.filter((group) => !customerId || !PARTNER_ONLY_GROUPS.includes(group));
  const drill = (key: string) => {
    if (key === "__other") return;
    update({ ...query, filters: { ...query.filters, [query.groupBy]: key }, groupBy: DRILL_DOWN[query.groupBy] });
  };
  const analysis = data.data?.analysis;
  const toggle = (next: "chart" | "table") =>
    `rounded-md px-3 py-1 text-sm ${mode === next ? "bg-brand-500 text-white" : "border border-slate-300 bg-white text-slate-700"}`;

  return (
    <div className="space-y-6" data-testid="cost-analysis" aria-busy={data.isFetching}>
      <CostAnalysisControls query={query} groups={groups} onChange={update} labelOf={(group) => COST_GROUP_LABELS[group]} />
      {Object.keys(query.filters).length > 0 ? (
        <div className="flex flex-wrap gap-2" data-testid="cost-filters">
          {(Object.entries(query.filters) as [CostGroup, string][]).map(([group, value]) => (
            <button
              key={group}
              type="button"
              className="rounded-full border border-slate-300 bg-slate-50 px-3 py-1 text-xs"
              onClick={() => {
                const filters = Object.fromEntries(Object.entries(query.filters).filter(([name]) => name !== group));
                update({ ...query, filters });
              }}
              aria-label={`Remove filter ${COST_GROUP_LABELS[group]} = ${value}`}
            >
              {COST_GROUP_LABELS[group]}: {value.length > 48 ? `…${value.slice(-45)}` : value} ✕
            </button>
          ))}
        </div>
      ) : null}
      {data.isError ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {data.error.message}
        </p>
      ) : null}
      {!analysis ? (
        <p className="text-sm text-slate-600" role="status">
          Loading the cost analysis…
        </p>
      ) : (
        <>
          <div className="grid gap-4 sm:grid-cols-3">
            <div className="rounded-lg border border-slate-200 bg-white p-4">
              <p className="text-xs uppercase text-slate-500">Pre-tax total {query.from === query.to ? query.from : `${query.from} – ${query.to}`}</p>
              <p className="text-xl font-semibold tabular-nums" data-testid="customer-total">
                {formatMoney(analysis.total, analysis.currency)}
              </p>
            </div>
            {analysis.compare ? (
              <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid="compare-delta">
                <p className="text-xs uppercase text-slate-500">
                  Versus {analysis.compare.from === analysis.compare.to ? analysis.compare.from : `${analysis.compare.from} – ${analysis.compare.to}`}
                </p>
                <p className="text-xl font-semibold tabular-nums">
                  {analysis.compare.delta.startsWith("-") ? "" : "+"}
                  {formatMoney(analysis.compare.delta, analysis.currency)}
                  {analysis.compare.deltaPercent !== null
                    ? ` (${analysis.compare.deltaPercent.startsWith("-") ? "" : "+"}${analysis.compare.deltaPercent} %)`
                    : ""}
                </p>
                <p className="text-xs text-slate-500">then {formatMoney(analysis.compare.total, analysis.currency)}</p>
              </div>
            ) : null}
            {data.data?.accumulated.cost.forecastTotal ? (
              <div className="rounded-lg border border-slate-200 bg-white p-4">
                <p className="text-xs uppercase text-slate-500">Forecast {data.data.accumulated.period}</p>
                <p className="text-xl font-semibold tabular-nums" data-testid="cost-forecast">
                  {formatMoney(data.data.accumulated.cost.forecastTotal, data.data.accumulated.cost.currency)}
                </p>
              </div>
            ) : null}
          </div>
          <div className="flex gap-2" role="group" aria-label="View">
            <button type="button" className={toggle("chart")} onClick={() => setMode("chart")} aria-pressed={mode === "chart"}>
              Chart
            </button>
            <button type="button" className={toggle("table")} onClick={() => setMode("table")} aria-pressed={mode === "table"}>
              Table
            </button>
            <a
              className="ml-auto text-sm text-brand-700 underline"
              href={`/api/cost-analysis?${apiSearch.toString()}&format=csv`}
              download
              data-testid="cost-csv"
            >
              Export table (CSV)
            </a>
          </div>
          <section>
            <h2 className="mb-2 text-base font-semibold">
              Cost by {COST_GROUP_LABELS[analysis.query.groupBy].toLowerCase()} ({analysis.currency}){" "}
              <span className="text-xs font-normal text-slate-500">click a series to drill down</span>
            </h2>
            {mode === "chart" ? <CostBreakdownChart analysis={analysis} onSelect={drill} /> : <CostTable analysis={analysis} onSelect={drill} />}
          </section>
          {data.data ? (
            <section>
              <h2 className="mb-2 text-base font-semibold">Accumulated cost, {data.data.accumulated.period}</h2>
              <AccumulatedChart accumulated={data.data.accumulated} />
            </section>
          ) : null}
          {data.data ? (
            <section>
              <h2 className="mb-2 text-base font-semibold">Quantities per unit</h2>
              <QuantityCharts charts={data.data.quantities.charts} buckets={data.data.quantities.buckets} granularity={analysis.query.granularity} />
            </section>
          ) : null}
        </>
      )}
    </div>
  );
}
