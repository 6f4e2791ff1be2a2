import Link from "next/link";
import { requirePageScope } from "@/lib/auth/get-scope";
import { getCurrencySettings } from "@/lib/currency/get-currency-settings";
import { formatDateTime } from "@/lib/format/dates";
import { Card, PageHeader } from "@/components/ui/card";
import { BillingCurrencyForm } from "@/components/currency/billing-currency-form";
import { ExchangeRateImportForm } from "@/components/currency/exchange-rate-import-form";

export const metadata = { title: "Currency and exchange rates" };

export default async function CurrencyPage() {
  const scope = await requirePageScope("billing:read");
  const settings = await getCurrencySettings(scope);
  return (
    <>
      <nav className="mb-2 text-sm">
        <Link href="/billing" className="text-brand-600 hover:underline">
          Billing
        </Link>
      </nav>
      <PageHeader
        title="Currency and exchange rates"
        description="Azure plan prices are in USD (the pricing currency). Usage is billed in the billing partner's billing currency, converted at the month's exchange rate (PCToBCExchangeRate, dated PCToBCExchangeRateDate), and each recon line is rounded down to the cent once, after conversion."
      />
      {!settings ? (
        <Card>
          <p className="text-sm text-slate-600">Operators have no billing currency: each partner sets its own and imports its rates.</p>
        </Card>
      ) : (
        <div className="space-y-6">
          <Card title="Billing currency">
            {settings.canSetBillingCurrency ? (
              <BillingCurrencyForm current={settings.billingCurrency} marketCurrency={settings.marketCurrency} />
            ) : (
              <p className="text-sm text-slate-700" data-testid="billing-currency">
                {settings.billingPartnerName} is billed in {settings.billingCurrency ?? `each line's pricing currency (${settings.marketCurrency})`}.
                {settings.canImportRates ? " Its admin agents set the billing currency." : " Only the billing partner's admins change it."}
              </p>
            )}
          </Card>
          {settings.canImportRates ? (
            <Card title="Import monthly exchange rates">
              <ExchangeRateImportForm />
            </Card>
          ) : null}
          <Card title={`Exchange rates of ${settings.billingPartnerName}`}>
            {settings.rates.length === 0 ? (
              <p className="text-sm text-slate-600">
                No exchange rates yet.{settings.canImportRates ? " Import a CSV above before billing in a currency other than the pricing currency." : ""}
              </p>
            ) : (
              <table className="w-full text-sm" data-testid="exchange-rates">
                <thead className="text-left text-xs uppercase text-slate-500">
                  <tr>
                    <th className="py-2">Month</th>
                    <th className="py-2">Pricing currency</th>
                    <th className="py-2">Billing currency</th>
                    <th className="py-2 text-right">Rate</th>
                    <th className="py-2">Rate date</th>
                    <th className="py-2">Imported</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {settings.rates.map((rate) => (
                    <tr key={`${rate.month}-${rate.pricingCurrency}-${rate.billingCurrency}`}>
                      <td className="py-2">{rate.month}</td>
                      <td className="py-2">{rate.pricingCurrency}</td>
                      <td className="py-2">{rate.billingCurrency}</td>
                      <td className="py-2 text-right tabular-nums">{rate.rate}</td>
                      <td className="py-2">{rate.rateDate}</td>
                      <td className="py-2">{formatDateTime(rate.importedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Card>
        </div>
      )}
    </>
  );
}
