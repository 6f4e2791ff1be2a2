import Link from "next/link";
import type { ReconTotals } from "@/lib/billing/recon-totals";
import { formatMoney } from "@/lib/format/money";
import { monthEndForecast } from "@/lib/billing/month-end-forecast";
import { Card, StatTile } from "@/components/ui/card";
import type { OrMissingRate } from "@/lib/currency/catch-missing-rate";
import { MissingExchangeRate } from "@/components/currency/missing-exchange-rate";

/**
 * The dashboard's billing part (server component): this period's spend, forecast, top customers.
 * The page starts loading the totals and passes the promise, so the card streams in behind Suspense.
 */
export async function DashboardSpend({ period, totals: loading }: { period: string; totals: Promise<OrMissingRate<ReconTotals>> }) {
  const loaded = await loading;
  if (!loaded.ok) {
    return (
      <div className="mt-6">
        <MissingExchangeRate message={loaded.missingRate} />
      </div>
    );
  }
  const totals = loaded.value;
  const { forecast, elapsedDays, daysInMonth } = monthEndForecast(totals.total);
  const money = (amount: Parameters<typeof formatMoney>[0]) => formatMoney(amount, totals.currency);
  const top = totals.customers.slice(0, 5);
  return (
    <div className="mt-6 space-y-6">
      <div className="grid gap-4 sm:grid-cols-3">
        <StatTile
          label={`Spend so far (${period})`}
          value={<span data-testid="dashboard-spend">{money(totals.total)}</span>}
          hint="Pre-tax, daily-rated usage"
        />
        <StatTile label="Forecast to month end" value={money(forecast)} hint={`Naive: spend ÷ ${elapsedDays} days × ${daysInMonth}`} />
        <StatTile
          label="Unregistered-tenant spend"
          value={money(totals.unregisteredTotal)}
          hint={totals.unregisteredTotal.greaterThan(0) ? "Register these tenants on their stamps" : undefined}
        />
      </div>
      <Card
        title="Top customers this period"
        actions={
          <Link className="text-sm text-brand-600 hover:underline" href={`/billing?period=${period}`}>
            Billing
          </Link>
        }
      >
        {top.length === 0 ? (
          <p className="text-sm text-slate-600">No rated usage yet this period.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {top.map((c) => (
              <li key={c.customerId ?? c.name} className="flex justify-between py-2 text-sm">
                {c.customerId ? (
                  <Link href={`/customers/${c.customerId}/usage`} className="font-medium text-brand-700 hover:underline">
                    {c.name}
                  </Link>
                ) : (
                  <span>{c.name}</span>
                )}
                <span className="tabular-nums">{money(c.total)}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
