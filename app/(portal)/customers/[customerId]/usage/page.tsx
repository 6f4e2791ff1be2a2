import Link from "next/link";
import Decimal from "decimal.js";
import { requirePageScope } from "@/lib/auth/get-scope";
import { scopeCan } from "@/lib/auth/partner-scope";
import { getCustomer } from "@/lib/customers/get-customer";
import { orNotFound } from "@/lib/pages/or-not-found";
import { formatMoney, getPeriodTotals, localMeterNames, pagePeriod, recentPeriods, reconHref } from "@/lib/billing/billing-overview";
import type { DailyMeterTotal } from "@/lib/billing/recon-totals";
import { PageHeader, StatTile } from "@/components/ui/card";
import { PeriodPicker } from "@/components/billing/period-picker";
import { CustomerUsageView, type UsageSeries } from "@/components/billing/customer-usage-view";
import { catchMissingRate } from "@/lib/currency/catch-missing-rate";
import { MissingExchangeRate } from "@/components/currency/missing-exchange-rate";
import { ConversionNote } from "@/components/currency/conversion-note";

export const metadata = { title: "Customer usage" };

/** Pivots daily cells into one row per day; sums stay Decimal until they become strings. */
function pivot(cells: DailyMeterTotal[], keyOf: (c: DailyMeterTotal) => string, valueOf: (c: DailyMeterTotal) => Decimal, dp: number): UsageSeries {
  const days = [...new Set(cells.map((c) => c.day))].sort();
  const keys = [...new Set(cells.map(keyOf))].sort();
  const sums = days.map(() => new Map<string, Decimal>());
  for (const cell of cells) {
    const map = sums[days.indexOf(cell.day)];
    const key = keyOf(cell);
    map.set(key, (map.get(key) ?? new Decimal(0)).plus(valueOf(cell)));
  }
  return { days, keys, values: sums.map((map) => Object.fromEntries([...map].map(([k, v]) => [k, v.toFixed(dp)]))) };
}

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
  const period = pagePeriod((await searchParams).period);
  const loaded = await catchMissingRate(getPeriodTotals(scope, { period, customerId: customer.id }, { daily: true }));
  const periods = recentPeriods();
  if (!periods.includes(period)) periods.push(period);
  if (!loaded.ok) {
    return (
      <>
        <PageHeader title={`Usage: ${customer.companyName}`} />
        <div className="mb-6">
          <PeriodPicker period={period} periods={periods} action={`/customers/${customer.id}/usage`} />
        </div>
        <MissingExchangeRate message={loaded.missingRate} />
      </>
    );
  }
  const totals = loaded.value;
  const cost = pivot(
    totals.daily,
    (c) => c.meterName,
    (c) => c.total,
    2,
  );
  const names = await localMeterNames([...new Set(totals.daily.map((c) => c.localMeterId))]);
  const quantity = pivot(
    totals.daily,
    (c) => names.get(c.localMeterId) ?? c.localMeterId,
    (c) => c.quantity,
    4,
  );
  return (
    <>
      <nav className="mb-2 text-sm">
        <Link href={`/customers/${customer.id}`} className="text-brand-600 hover:underline">
          {customer.companyName}
        </Link>
      </nav>
      <PageHeader
        title={`Usage: ${customer.companyName}`}
        description="Daily-rated Azure Stack Hub usage of this customer's subscriptions; the same lines and figures as the recon file."
        actions={
          scopeCan(scope, "billing:export") ? (
            <a
              className="rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium hover:bg-slate-50"
              href={reconHref(period, { customerId: customer.id })}
              download
            >
              Download recon file
            </a>
          ) : null
        }
      />
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <PeriodPicker period={period} periods={periods} action={`/customers/${customer.id}/usage`} />
      </div>
      <ConversionNote conversions={totals.conversions} />
      <div className="mb-6 grid gap-4 sm:grid-cols-2">
        <StatTile label={`Pre-tax total ${period}`} value={<span data-testid="customer-total">{formatMoney(totals.total, totals.currency)}</span>} />
        <StatTile label="Rated lines" value={totals.lines.toLocaleString("en-US")} />
      </div>
      {totals.lines === 0 ? (
        <p className="text-sm text-slate-600">No rated usage in {period}.</p>
      ) : (
        <CustomerUsageView cost={cost} quantity={quantity} currency={totals.currency} />
      )}
      <p className="mt-4 text-xs text-slate-500">
        Quantities are the billed (commerce) units of each local meter. Daily cost is the sum of each line rounded down to the cent.
      </p>
    </>
  );
}
