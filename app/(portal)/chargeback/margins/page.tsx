import Link from "next/link";
import { getMarginReport, type MarginFigures } from "@/lib/chargeback/get-margin-report";
import { requireBillingPartnerPage } from "@/lib/chargeback/require-billing-partner-page";
import { pagePeriod, recentPeriods } from "@/lib/billing/billing-overview";
import { Card, PageHeader, StatTile } from "@/components/ui/card";
import { PeriodPicker } from "@/components/billing/period-picker";
import { MarginChart } from "@/components/chargeback/margin-chart";
import { formatMoney } from "@/lib/format/money";

export const metadata = { title: "Margins" };

const percent = (figures: MarginFigures) => (figures.marginPercent ? `${figures.marginPercent.toFixed(2)} %` : "—");

function FigureCells({ figures, currency }: { figures: MarginFigures; currency: string }) {
  const money = (amount: Parameters<typeof formatMoney>[0]) => formatMoney(amount, currency);
  return (
    <>
      <td className="py-2 text-right tabular-nums">{money(figures.revenue)}</td>
      <td className="py-2 text-right tabular-nums text-slate-600">{money(figures.microsoftCost)}</td>
      <td className={`py-2 text-right tabular-nums ${figures.margin.isNegative() ? "text-red-700" : ""}`}>{money(figures.margin)}</td>
      <td className="py-2 text-right tabular-nums">{percent(figures)}</td>
    </>
  );
}

const HEAD = ["Revenue", "Microsoft cost", "Margin", "Margin %"];

export default async function MarginsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const scope = await requireBillingPartnerPage();
  const period = pagePeriod((await searchParams).period);
  const report = await getMarginReport(scope, period);
  const periods = recentPeriods();
  if (!periods.includes(period)) periods.push(period);
  const chartRows =
    report.resellers.length > 0
      ? report.resellers.map((r) => ({ name: r.name, figures: r }))
      : report.customers.slice(0, 15).map((c) => ({ name: c.companyName, figures: c }));
  const currency = report.currency;
  const money = (amount: Parameters<typeof formatMoney>[0]) => formatMoney(amount, currency);
  return (
    <>
      <PageHeader
        title="Margins"
        description="Revenue (customer statements at your rate cards) against Microsoft's cost (the recon file) per customer, for one billing period. Only you see this: resellers and customers never do."
      />
      <div className="mb-6">
        <PeriodPicker period={period} periods={periods} action="/chargeback/margins" />
      </div>
      <div className="mb-6 grid gap-4 sm:grid-cols-4">
        <StatTile label="Revenue" value={<span data-testid="margin-revenue">{money(report.totals.revenue)}</span>} />
        <StatTile label="Microsoft cost" value={money(report.totals.microsoftCost)} />
        <StatTile label="Margin" value={<span data-testid="margin-total">{money(report.totals.margin)}</span>} />
        <StatTile label="Margin %" value={percent(report.totals)} />
      </div>
      {chartRows.length > 0 ? (
        <div className="mb-6">
          <Card title={report.resellers.length > 0 ? "Per reseller" : "Per customer (top 15 by revenue)"}>
            <MarginChart
              currency={currency}
              points={chartRows.map((r) => ({
                name: r.name,
                revenue: Number(r.figures.revenue.toFixed(2)),
                cost: Number(r.figures.microsoftCost.toFixed(2)),
                margin: Number(r.figures.margin.toFixed(2)),
              }))}
            />
          </Card>
        </div>
      ) : null}
      {report.resellers.length > 0 ? (
        <div className="mb-6">
          <Card title="Resellers">
            <table className="w-full text-sm" data-testid="reseller-margins">
              <thead className="text-left text-xs uppercase text-slate-500">
                <tr>
                  <th className="py-2">Reseller</th>
                  <th className="py-2 text-right">Customers</th>
                  {HEAD.map((h) => (
                    <th key={h} className="py-2 text-right">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {report.resellers.map((r) => (
                  <tr key={r.resellerId ?? "own"}>
                    <td className="py-2">{r.name}</td>
                    <td className="py-2 text-right">{r.customers}</td>
                    <FigureCells currency={report.currency} figures={r} />
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        </div>
      ) : null}
      <Card title="Customers">
        {report.customers.length === 0 ? (
          <p className="text-sm text-slate-600">No charged usage in {period}.</p>
        ) : (
          <table className="w-full text-sm" data-testid="customer-margins">
            <thead className="text-left text-xs uppercase text-slate-500">
              <tr>
                <th className="py-2">Customer</th>
                {report.resellers.length > 0 ? <th className="py-2">Reseller</th> : null}
                {HEAD.map((h) => (
                  <th key={h} className="py-2 text-right">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {report.customers.map((c) => (
                <tr key={c.customerId}>
                  <td className="py-2">
                    <Link className="text-brand-700 hover:underline" href={`/customers/${c.customerId}/statement?period=${period}`}>
                      {c.companyName}
                    </Link>
                  </td>
                  {report.resellers.length > 0 ? <td className="py-2 text-slate-600">{c.reseller?.name ?? "—"}</td> : null}
                  <FigureCells currency={report.currency} figures={c} />
                </tr>
              ))}
            </tbody>
            <tfoot className="border-t-2 border-slate-300 font-semibold">
              <tr>
                <td className="py-2" colSpan={report.resellers.length > 0 ? 2 : 1}>
                  Total
                </td>
                <FigureCells currency={report.currency} figures={report.totals} />
              </tr>
            </tfoot>
          </table>
        )}
      </Card>
    </>
  );
}
