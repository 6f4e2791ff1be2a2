import { Suspense } from "react";
import { requirePageScope } from "@/lib/auth/get-scope";
import { defaultCostAnalysisQuery, shiftMonth } from "@/lib/cost-analysis/cost-analysis-query";
import { listCostMovers } from "@/lib/cost-analysis/list-cost-movers";
import { PageHeader } from "@/components/ui/card";
import { CostAnalysisView } from "@/components/cost-analysis/cost-analysis-view";
import { CostMoversCards } from "@/components/cost-analysis/cost-movers";

export const metadata = { title: "Cost analysis" };

export default async function CostAnalysisPage() {
  const scope = await requirePageScope("billing:read");
  const now = new Date();
  const current = defaultCostAnalysisQuery(now);
  // Partner-wide, the default view is the month-over-month trend of the last six months per customer.
  const defaults = { ...current, from: shiftMonth(current.to, -5), granularity: "monthly" as const, groupBy: "customer" as const };
  const movers = await listCostMovers(scope, current.to);
  return (
    <>
      <PageHeader
        title="Cost analysis"
        description="Your Azure Stack Hub cost across customers, from the recon file's daily-rated lines: trend, grouping, drill-down and comparison. A distributor can group by reseller."
      />
      <div className="mb-6">
        <CostMoversCards movers={movers} currency={movers.currency} />
      </div>
      <Suspense fallback={<p className="text-sm text-slate-600">Loading the cost analysis…</p>}>
        <CostAnalysisView defaults={defaults} />
      </Suspense>
    </>
  );
}
