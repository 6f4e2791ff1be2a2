import Link from "next/link";
import { Suspense } from "react";
import { requirePageScope } from "@/lib/auth/get-scope";
import { scopeCan } from "@/lib/auth/partner-scope";
import { getCustomer } from "@/lib/customers/get-customer";
import { orNotFound } from "@/lib/pages/or-not-found";
import { reconHref } from "@/lib/billing/billing-overview";
import { BILLING_PERIOD_PATTERN } from "@/lib/billing/billing-period";
import { defaultCostAnalysisQuery, readCostAnalysisSearch } from "@/lib/cost-analysis/cost-analysis-query";
import { PageHeader } from "@/components/ui/card";
import { CostAnalysisView } from "@/components/cost-analysis/cost-analysis-view";

export const metadata = { title: "Customer usage" };

export default async function CustomerUsagePage({
  params,
  searchParams,
}: {
  params: Promise<{ customerId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const scope = await requirePageScope("billing:read");
  const { customerId } = await params;
  const customer = await orNotFound(getCustomer(scope, customerId));
  const search = await searchParams;
  // Links from the billing page name one period (?period=YYYY-MM): the view opens on that month.
  const period = typeof search.period === "string" && BILLING_PERIOD_PATTERN.test(search.period) ? search.period : null;
  const defaults = period ? { ...defaultCostAnalysisQuery(), from: period, to: period } : defaultCostAnalysisQuery();
  const urlSearch = new URLSearchParams(Object.entries(search).flatMap(([key, value]) => (typeof value === "string" ? [[key, value]] : [])));
  const shown = readCostAnalysisSearch(urlSearch.has("from") ? urlSearch : new URLSearchParams({ from: defaults.from, to: defaults.to }));
  return (
    <>
      <nav className="mb-2 text-sm">
        <Link href={`/customers/${customer.id}`} className="text-brand-600 hover:underline">
          {customer.companyName}
        </Link>
      </nav>
      <PageHeader
        title={`Usage: ${customer.companyName}`}
        description="Cost analysis of this customer's Azure Stack Hub usage: the recon file's daily-rated lines (each line's pre-tax total rounded down to the cent, as in the file), grouped, filtered and compared."
        actions={
          scopeCan(scope, "billing:export") ? (
            <a
              className="rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium hover:bg-slate-50"
              href={reconHref(shown.to, { customerId: customer.id })}
              download
            >
              Download recon file {shown.to}
            </a>
          ) : null
        }
      />
      <Suspense fallback={<p className="text-sm text-slate-600">Loading the cost analysis…</p>}>
        <CostAnalysisView customerId={customer.id} defaults={defaults} />
      </Suspense>
      <p className="mt-4 text-xs text-slate-500">
        Quantities: billed meters in Microsoft&apos;s units; meters Microsoft doesn&apos;t bill in their local units (from the raw usage, kept 180 days). The
        accumulated chart adds the charges at your prices and the customer&apos;s budget, which is set at those prices.
      </p>
    </>
  );
}
