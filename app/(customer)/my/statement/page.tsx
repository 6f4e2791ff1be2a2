import { requireCustomerPageScope } from "@/lib/auth/get-scope";
import { getCustomerStatement } from "@/lib/chargeback/get-customer-statement";
import { pagePeriod, recentPeriods } from "@/lib/billing/billing-overview";
import { orNotFound } from "@/lib/pages/or-not-found";
import { formatMoney } from "@/lib/format/money";
import { Card, PageHeader, StatTile } from "@/components/ui/card";
import { buttonClasses } from "@/components/ui/button";
import { PeriodPicker } from "@/components/billing/period-picker";
import { StatementLinesTable } from "@/components/chargeback/statement-lines-table";

export const metadata = { title: "Statement" };

export default async function CustomerStatementPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const scope = await requireCustomerPageScope();
  const period = pagePeriod((await searchParams).period);
  // The scope carries the customer: the statement function reaches it and only it, without cost or margin.
  const statement = await orNotFound(getCustomerStatement(scope, scope.customerId ?? "", period, { audience: "customer" }));
  const periods = recentPeriods();
  if (!periods.includes(period)) periods.push(period);
  return (
    <>
      <PageHeader
        title={`Statement ${period}`}
        description={`What ${statement.issuer.name} charges ${statement.customer.companyName} for ${period} (${statement.from} to ${statement.to}): usage per meter at your prices. A line's amount is its quantity × unit price, rounded once to the cent.`}
        actions={
          <a className={buttonClasses("primary")} href={`/api/my/usage?period=${period}`} download data-testid="statement-csv">
            Download CSV
          </a>
        }
      />
      <div className="mb-6">
        <PeriodPicker period={period} periods={periods} action="/my/statement" />
      </div>
      <div className="mb-6 grid gap-4 sm:grid-cols-3">
        <StatTile label={`Total ${period}`} value={formatMoney(statement.total, statement.currency)} hint={`${statement.lines.length} lines`} />
      </div>
      <Card title="Lines">
        {statement.lines.length === 0 ? <p className="text-sm text-slate-600">No charged usage in {period}.</p> : <StatementLinesTable statement={statement} />}
      </Card>
    </>
  );
}
