import Link from "next/link";
import { requirePageScope } from "@/lib/auth/get-scope";
import { getCustomerStatement } from "@/lib/chargeback/get-customer-statement";
import { pagePeriod, recentPeriods } from "@/lib/billing/billing-overview";
import { orNotFound } from "@/lib/pages/or-not-found";
import { Card, PageHeader, StatTile } from "@/components/ui/card";
import { PeriodPicker } from "@/components/billing/period-picker";
import { StatementLinesTable } from "@/components/chargeback/statement-lines-table";
import { formatMoney } from "@/lib/format/money";
import { buttonClasses } from "@/components/ui/button";

export const metadata = { title: "Statement" };

export default async function StatementPage({
  params,
  searchParams,
}: {
  params: Promise<{ customerId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const scope = await requirePageScope("statements:read");
  const { customerId } = await params;
  const period = pagePeriod((await searchParams).period);
  const statement = await orNotFound(getCustomerStatement(scope, customerId, period));
  const periods = recentPeriods();
  if (!periods.includes(period)) periods.push(period);
  const money = (amount: Parameters<typeof formatMoney>[0]) => formatMoney(amount, statement.currency);
  const query = `period=${period}`;
  return (
    <>
      <nav className="mb-2 text-sm">
        <Link href={`/customers/${customerId}`} className="text-brand-600 hover:underline">
          {statement.customer.companyName}
        </Link>
      </nav>
      <PageHeader
        title={`Statement: ${statement.customer.companyName}`}
        description={`What ${statement.issuer.name} charges for ${period} (${statement.from} to ${statement.to}): usage per meter at the customer's prices. A line's amount is its quantity × unit price, rounded once to the cent; a meter whose price changed within the month has one line per price.`}
        actions={
          <>
            <a
              className={buttonClasses("secondary")}
              href={`/customers/${customerId}/statement/print?${query}`}
              target="_blank"
              rel="noopener"
              data-testid="print-link"
            >
              Print view<span className="sr-only"> (opens in a new tab)</span>
            </a>
            <a className={buttonClasses("primary")} href={`/api/statements/${customerId}?${query}`} download data-testid="statement-csv">
              Download CSV
            </a>
          </>
        }
      />
      <div className="mb-6">
        <PeriodPicker period={period} periods={periods} action={`/customers/${customerId}/statement`} />
      </div>
      <div className="mb-6 grid gap-4 sm:grid-cols-3">
        <StatTile label={`Total ${period}`} value={money(statement.total)} hint={`${statement.lines.length} lines`} />
        {statement.showsCost ? (
          <>
            <StatTile label="Microsoft cost" value={money(statement.microsoftCost)} hint="Equals this customer's lines in the recon file" />
            <StatTile
              label="Margin"
              value={money(statement.margin)}
              hint={statement.marginPercent ? `${statement.marginPercent.toFixed(2)} % of revenue` : "No revenue"}
            />
          </>
        ) : null}
      </div>
      <Card title="Lines">
        {statement.lines.length === 0 ? <p className="text-sm text-slate-600">No charged usage in {period}.</p> : <StatementLinesTable statement={statement} />}
      </Card>
    </>
  );
}
