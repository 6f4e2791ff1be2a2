import type { PortalCharges } from "@/lib/customer-portal/get-portal-charges";
import { formatMoney } from "@/lib/format/money";
import { Card, StatTile } from "@/components/ui/card";
import { PortalCostCharts } from "./portal-cost-charts";

/** What the partner charges the customer: the charts (days, accumulated, months) and the meters. Never a cost or margin. */
export function PortalChargesView({ charges }: { charges: PortalCharges }) {
  const money = (amount: string) => formatMoney(amount, charges.currency);
  // The statement lines hold Decimal objects, which can't cross to a client component; the charts need plain strings only.
  const { lines: _lines, ...chartData } = charges;
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
      <PortalCostCharts charges={chartData} />
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
    </div>
  );
}
