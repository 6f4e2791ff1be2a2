import Link from "next/link";
import { requirePageScope } from "@/lib/auth/get-scope";
import { scopeCan } from "@/lib/auth/partner-scope";
import { formatMoney, getPeriodTotals, listScopeRegistrations, pageFormat, pagePeriod, recentPeriods, reconHref } from "@/lib/billing/billing-overview";
import { Card, PageHeader, StatTile } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { PeriodPicker } from "@/components/billing/period-picker";
import { ReconLineRule } from "@/components/billing/recon-line-rule";
import { catchMissingRate } from "@/lib/currency/catch-missing-rate";
import { MissingExchangeRate } from "@/components/currency/missing-exchange-rate";
import { ConversionNote } from "@/components/currency/conversion-note";

export const metadata = { title: "Billing" };

const linkClass = "text-sm text-brand-700 underline decoration-brand-100 underline-offset-2 hover:decoration-brand-700";

export default async function BillingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const scope = await requirePageScope("billing:read");
  const search = await searchParams;
  const period = pagePeriod(search.period);
  const format = pageFormat(search.format);
  const href = (params: Record<string, string> = {}) => reconHref(period, params, format);
  const [loaded, registrations] = await Promise.all([catchMissingRate(getPeriodTotals(scope, { period })), listScopeRegistrations(scope)]);
  const canExport = scopeCan(scope, "billing:export");
  const periods = recentPeriods();
  if (!periods.includes(period)) periods.push(period);
  const currencyLink = (
    <Link className={linkClass} href="/billing/currency">
      Currency and exchange rates
    </Link>
  );
  if (!loaded.ok) {
    return (
      <>
        <PageHeader title="Billing" description="Daily-rated Azure Stack Hub usage per billing period (calendar month), as in Partner Center's recon file." />
        <div className="mb-6">
          <PeriodPicker period={period} periods={periods} action="/billing" format={format} />
        </div>
        <MissingExchangeRate message={loaded.missingRate} />
      </>
    );
  }
  const totals = loaded.value;
  const money = (amount: Parameters<typeof formatMoney>[0]) => formatMoney(amount, totals.currency);
  // The "Viewing" switcher narrows every list on the page, this one included.
  const viewedResellers = scope.selectedResellerId ? scope.resellers.filter((r) => r.id === scope.selectedResellerId) : scope.resellers;

  return (
    <>
      <PageHeader
        title="Billing"
        description="Daily-rated Azure Stack Hub usage per billing period (calendar month), as in Partner Center's recon file. Totals are the sum of each line's pre-tax total rounded down to the cent, exactly as in the file."
        actions={
          canExport ? (
            <a
              className="rounded-md bg-brand-500 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-600"
              href={href()}
              download
              data-testid="download-all"
            >
              Download recon file
            </a>
          ) : null
        }
      />
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <PeriodPicker period={period} periods={periods} action="/billing" format={format} />
        {currencyLink}
      </div>
      <ConversionNote conversions={totals.conversions} />
      <div className="mb-6 grid gap-4 sm:grid-cols-3">
        <StatTile
          label={`Pre-tax total ${period}`}
          value={<span data-testid="period-total">{money(totals.total)}</span>}
          hint={`${totals.lines.toLocaleString("en-US")} rated lines`}
        />
        <StatTile label="Customers with usage" value={totals.customers.filter((c) => c.customerId).length} />
        <StatTile label="Unregistered-tenant usage" value={money(totals.unregisteredTotal)} />
      </div>

      {totals.unregisteredTotal.greaterThan(0) || totals.unregisteredSubscriptions.length > 0 ? (
        <div className="mb-6 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900" data-testid="unregistered-callout">
          <p className="font-medium">
            {money(totals.unregisteredTotal)} of usage this period came from tenants that aren&apos;t registered on a stamp and was billed to your default
            subscription.
          </p>
          <p className="mt-1">
            Local subscriptions: {totals.unregisteredSubscriptions.slice(0, 10).join(", ")}
            {totals.unregisteredSubscriptions.length > 10 ? ` and ${totals.unregisteredSubscriptions.length - 10} more` : ""}. Register each tenant&apos;s
            customer subscription on the registration so its usage is billed to the right customer.{" "}
            <Link className="font-medium underline" href="/registrations">
              Go to registrations
            </Link>
          </p>
        </div>
      ) : null}

      <Card title="Totals per customer">
        {totals.customers.length === 0 ? (
          <p className="text-sm text-slate-600">No rated usage in {period}.</p>
        ) : (
          <table className="w-full text-sm" data-testid="customer-totals">
            <thead className="text-left text-xs uppercase text-slate-500">
              <tr>
                <th className="py-2">Customer</th>
                <th className="py-2 text-right">Lines</th>
                <th className="py-2 text-right">Pre-tax total</th>
                <th className="py-2 text-right">Recon file</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {totals.customers.map((c) => (
                <tr key={c.customerId ?? c.name}>
                  <td className="py-2">
                    {c.customerId ? (
                      <Link className={linkClass} href={`/customers/${c.customerId}/usage?period=${period}`}>
                        {c.name}
                      </Link>
                    ) : (
                      <span>{c.name}</span>
                    )}{" "}
                    {c.resellerName ? <Badge>Reseller: {c.resellerName}</Badge> : null}
                    {c.unregisteredTotal.greaterThan(0) ? <Badge tone="warning">unregistered tenants</Badge> : null}
                  </td>
                  <td className="py-2 text-right tabular-nums">{c.lines.toLocaleString("en-US")}</td>
                  <td className="py-2 text-right tabular-nums">{money(c.total)}</td>
                  <td className="py-2 text-right">
                    {canExport && c.customerId ? (
                      <a className={linkClass} href={href({ customerId: c.customerId })} download>
                        Download
                      </a>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>

      {canExport && (scope.resellers.length > 0 || registrations.length > 0) ? (
        <div className="mt-6 grid gap-4 md:grid-cols-2">
          {viewedResellers.length > 0 ? (
            <Card title="Per reseller">
              <ul className="divide-y divide-slate-100">
                {viewedResellers.map((r) => (
                  <li key={r.id} className="flex justify-between py-2 text-sm">
                    <span>{r.name}</span>
                    <a className={linkClass} href={href({ resellerId: r.id })} download>
                      Download
                    </a>
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
          {registrations.length > 0 ? (
            <Card title="Per registration (stamp)">
              <ul className="divide-y divide-slate-100">
                {registrations.map((r) => (
                  <li key={r.id} className="flex justify-between py-2 text-sm">
                    <span>
                      {r.stampName} <span className="text-slate-500">({r.name})</span>
                    </span>
                    <a className={linkClass} href={href({ registration: r.id })} download>
                      Download
                    </a>
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
        </div>
      ) : null}
      <ReconLineRule />
      <p className="mt-2 break-words text-xs text-slate-500">
        API: <code>GET /api/billing/recon?period={period}</code> with <code>Authorization: Bearer &lt;API token&gt;</code>; filters customerId, resellerId,
        registration, from, to; <code>format=legacy</code> for the legacy usage-based columns.
      </p>
    </>
  );
}
