import { requirePageScope } from "@/lib/auth/get-scope";
import { getCustomerStatement } from "@/lib/chargeback/get-customer-statement";
import { countryName } from "@/lib/customers/csp-markets";
import { pagePeriod } from "@/lib/billing/billing-overview";
import { orNotFound } from "@/lib/pages/or-not-found";
import { StatementLinesTable } from "@/components/chargeback/statement-lines-table";
import { PrintButton } from "@/components/chargeback/print-button";
import { isOpenPeriod, statementNumber } from "@/lib/chargeback/statement-number";
import { formatDate } from "@/lib/format/dates";

export const metadata = { title: "Statement (print)" };

// Customer-facing: asked for with audience "customer", so cost and margin are never in the data.
export default async function StatementPrintPage({
  params,
  searchParams,
}: {
  params: Promise<{ customerId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const scope = await requirePageScope("statements:read");
  const { customerId } = await params;
  const period = pagePeriod((await searchParams).period);
  const statement = await orNotFound(getCustomerStatement(scope, customerId, period, { audience: "customer" }));
  const provisional = isOpenPeriod(statement.period);
  return (
    <main className="statement-sheet mx-auto max-w-[210mm] px-[15mm] py-[12mm] text-slate-900" data-testid="statement-print">
      <div className="no-print mb-6 flex justify-end">
        <PrintButton />
      </div>
      {provisional ? (
        <p
          className="mb-4 rounded border-2 border-amber-500 px-3 py-2 text-sm font-semibold uppercase tracking-wide text-amber-800"
          data-testid="statement-provisional"
        >
          Provisional: {statement.period} is still open. Usage until {statement.to} can still arrive, so these amounts may change.
        </p>
      ) : null}
      <header className="flex items-start justify-between border-b border-slate-300 pb-4">
        <div>
          <p className="text-xl font-semibold">{statement.issuer.name}</p>
          <p className="text-sm text-slate-600">
            {countryName(statement.issuer.country)} · MPN ID {statement.issuer.mpnId}
          </p>
        </div>
        <div className="text-right">
          <h1 className="text-2xl font-semibold tracking-tight">{provisional ? "Provisional statement" : "Statement"}</h1>
          <p className="text-sm text-slate-600" data-testid="statement-number">
            No. {statementNumber(statement.customer.id, statement.period)}
          </p>
          <p className="text-sm text-slate-600" data-testid="statement-date">
            Issued {formatDate(new Date())}
          </p>
          <p className="text-sm text-slate-600">Period {statement.period}</p>
          <p className="text-sm text-slate-600">
            {statement.from} to {statement.to}
          </p>
        </div>
      </header>
      <section className="mt-4 text-sm">
        <p className="text-xs uppercase text-slate-500">Customer</p>
        <p className="font-medium">{statement.customer.companyName}</p>
        <p>{statement.customer.domain}</p>
        <p>{countryName(statement.customer.country)}</p>
      </section>
      <section className="mt-6">
        {statement.lines.length === 0 ? <p className="text-sm">No charged usage in this period.</p> : <StatementLinesTable statement={statement} compact />}
      </section>
      <footer className="mt-8 border-t border-slate-200 pt-3 text-xs text-slate-500">
        Azure Stack Hub usage, rated daily. Amounts are quantity × unit price per line, rounded to the cent; totals before tax.
      </footer>
    </main>
  );
}
