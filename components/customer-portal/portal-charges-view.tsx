import type { PortalCharges } from "@/lib/customer-portal/get-portal-charges";
import { formatMoney } from "@/lib/format/money";
import { Card, StatTile } from "@/components/ui/card";

/** A bar as wide as the amount's share of the largest one (amounts stay decimal strings until here). */
function Bar({ amount, max }: { amount: string; max: number }) {
  const width = max > 0 ? Math.max(0, (Number(amount) / max) * 100) : 0;
  return (
    <span className="block h-2 rounded bg-brand-100" aria-hidden="true">
      <span className="block h-2 rounded bg-brand-500" style={{ width: `${width}%` }} />
    </span>
  );
}

/** What the partner charges the customer: months, days of the chosen month, and meters. Never a cost or margin. */
export function PortalChargesView({ charges }: { charges: PortalCharges }) {
  const money = (amount: string) => formatMoney(amount, charges.currency);
  const monthMax = Math.max(...charges.months.map((month) => Number(month.total)));
  const dayMax = Math.max(0, ...charges.days.map((day) => Number(day.amount)));
  return (
    <div className="space-y-6">
      <div className="grid gap-4 sm:grid-cols-3">
        <StatTile
          label={`Charges ${charges.period}`}
          value={<span data-testid="portal-total">{money(charges.total)}</span>}
          hint={`At ${charges.partnerName}'s prices`}
        />
        <StatTile label="Meters charged" value={charges.lines.length} />
      </div>
      <Card title="Charges per month">
        <table className="w-full text-sm" data-testid="portal-months">
          <thead className="text-left text-xs uppercase text-slate-500">
            <tr>
              <th className="py-2 pr-4">Month</th>
              <th className="w-1/2 py-2 pr-4">
                <span className="sr-only">Share</span>
              </th>
              <th className="py-2 text-right">Charges ({charges.currency})</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {charges.months.map((month) => (
              <tr key={month.period}>
                <td className="py-2 pr-4">{month.period}</td>
                <td className="py-2 pr-4">
                  <Bar amount={month.total} max={monthMax} />
                </td>
                <td className="py-2 text-right tabular-nums">{month.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Card title={`Charges per meter, ${charges.period}`}>
        {charges.lines.length === 0 ? (
          <p className="text-sm text-slate-600">No charged usage in {charges.period}.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="portal-meters">
              <thead className="text-left text-xs uppercase text-slate-500">
                <tr>
                  <th className="py-2 pr-4">Meter</th>
                  <th className="py-2 pr-4">Unit</th>
                  <th className="py-2 pr-4 text-right">Quantity</th>
                  <th className="py-2 pr-4 text-right">Unit price</th>
                  <th className="py-2 text-right">Amount ({charges.currency})</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {charges.lines.map((line) => (
                  <tr key={`${line.meterKind}:${line.meterId}:${line.unitPrice.toFixed()}`}>
                    <td className="py-2 pr-4">
                      {line.meterName}
                      <span className="block text-xs text-slate-500">{line.category}</span>
                    </td>
                    <td className="py-2 pr-4">{line.unit}</td>
                    <td className="py-2 pr-4 text-right tabular-nums">{line.quantity.toFixed()}</td>
                    <td className="py-2 pr-4 text-right tabular-nums">{line.unitPrice.toFixed()}</td>
                    <td className="py-2 text-right tabular-nums">{line.amount.toFixed(2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Card title={`Charges per day, ${charges.period}`}>
        <p className="mb-3 text-xs text-slate-500">
          Days are in UTC. A day&apos;s charges are rounded to the cent here; the month&apos;s total rounds each meter line once.
        </p>
        <table className="w-full text-sm" data-testid="portal-days">
          <thead className="text-left text-xs uppercase text-slate-500">
            <tr>
              <th className="py-2 pr-4">Day (UTC)</th>
              <th className="w-1/2 py-2 pr-4">
                <span className="sr-only">Share</span>
              </th>
              <th className="py-2 text-right">Charges ({charges.currency})</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {charges.days.map((day) => (
              <tr key={day.day}>
                <td className="py-1 pr-4">{day.day}</td>
                <td className="py-1 pr-4">
                  <Bar amount={day.amount} max={dayMax} />
                </td>
                <td className="py-1 text-right tabular-nums">{day.amount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
