import { requireCustomerPageScope } from "@/lib/auth/get-scope";
import { getPortalCharges } from "@/lib/customer-portal/get-portal-charges";
import { pagePeriod, recentPeriods } from "@/lib/billing/billing-overview";
import { PageHeader } from "@/components/ui/card";
import { buttonClasses } from "@/components/ui/button";
import { PeriodPicker } from "@/components/billing/period-picker";
import { PortalChargesView } from "@/components/customer-portal/portal-charges-view";

export const metadata = { title: "Cost analysis" };

export default async function CustomerCostsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const scope = await requireCustomerPageScope();
  const period = pagePeriod((await searchParams).period);
  const charges = await getPortalCharges(scope, period);
  const periods = recentPeriods();
  if (!periods.includes(period)) periods.push(period);
  return (
    <>
      <PageHeader
        title="Cost analysis"
        description={`What ${charges.partnerName} charges ${charges.customer.companyName} for Azure Stack Hub usage, at ${charges.partnerName}'s prices.`}
        actions={
          <>
            <a className={buttonClasses("primary")} href={`/api/my/usage?period=${period}`} download data-testid="usage-csv">
              Download usage CSV
            </a>
            <a className={buttonClasses("secondary")} href={`/api/my/usage?period=${period}&grain=daily`} download data-testid="usage-csv-daily">
              Daily usage CSV
            </a>
          </>
        }
      />
      <div className="mb-6">
        <PeriodPicker period={period} periods={periods} action="/my/costs" />
      </div>
      <PortalChargesView charges={charges} />
    </>
  );
}
