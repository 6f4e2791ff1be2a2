import { Suspense } from "react";
import Link from "next/link";
import { requirePageScope } from "@/lib/auth/get-scope";
import { scopeCan } from "@/lib/auth/partner-scope";
import { getDashboardSummary } from "@/lib/dashboard/get-dashboard-summary";
import { Card, PageHeader, StatTile } from "@/components/ui/card";
import { DashboardSpend } from "@/components/billing/dashboard-spend";
import { BudgetAlertsCard } from "@/components/chargeback/budget-alerts-card";
import { getPeriodTotals } from "@/lib/billing/billing-overview";
import { catchMissingRate } from "@/lib/currency/catch-missing-rate";
import { currentPeriod } from "@/lib/billing/billing-period";
import { listBudgetPaces } from "@/lib/dashboard/list-budget-alerts";
import { listStampProblems } from "@/lib/stamps/list-stamp-problems";
import { StampProblemsCard } from "@/components/stamps/stamp-problems-card";

export const metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const scope = await requirePageScope();
  const [summary, stampProblems] = await Promise.all([
    getDashboardSummary(scope),
    scopeCan(scope, "registrations:read") ? listStampProblems(scope) : Promise.resolve([]),
  ]);
  return (
    <>
      <PageHeader
        title={`Welcome, ${scope.userName}`}
        description="This period's Azure Stack Hub spend and forecast, from the same daily-rated lines as the recon file."
      />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <StatTile label="Customers" value={summary.customers} />
        <StatTile label="Active CSP subscriptions" value={summary.activeSubscriptions} />
        {scope.partnerKind === "INDIRECT_PROVIDER" ? <StatTile label="Resellers in view" value={summary.resellers} /> : null}
        {summary.partners !== null ? <StatTile label="Partners on the platform" value={summary.partners} /> : null}
      </div>
      <StampProblemsCard problems={stampProblems} />
      {/* Streamed: the period's figures read every rated line of the month; the shell doesn't wait for them. */}
      {scopeCan(scope, "billing:read") ? (
        <Suspense fallback={<p className="mt-6 text-sm text-slate-500">Loading this period&apos;s spend…</p>}>
          <DashboardSpend period={currentPeriod()} totals={catchMissingRate(getPeriodTotals(scope, { period: currentPeriod() }))} />
        </Suspense>
      ) : null}
      {scopeCan(scope, "statements:read") ? (
        <Suspense fallback={<p className="mt-6 text-sm text-slate-500">Loading budgets…</p>}>
          <BudgetAlertsCard paces={listBudgetPaces(scope)} />
        </Suspense>
      ) : null}
      {scopeCan(scope, "customers:read") ? (
        <div className="mt-6">
          <Card
            title="Newest customers"
            actions={
              <Link className="text-sm text-brand-600 hover:underline" href="/customers">
                All customers
              </Link>
            }
          >
            {summary.recentCustomers.length === 0 ? (
              <p className="text-sm text-slate-600">No customers yet.</p>
            ) : (
              <ul className="divide-y divide-slate-100">
                {summary.recentCustomers.map((customer) => (
                  <li key={customer.id} className="flex justify-between py-2 text-sm">
                    <Link href={`/customers/${customer.id}`} className="font-medium text-brand-700 hover:underline">
                      {customer.companyName}
                    </Link>
                    <span className="text-slate-500">{customer.domain}</span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      ) : null}
    </>
  );
}
