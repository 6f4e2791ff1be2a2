import Link from "next/link";
import type { BudgetPace } from "@/lib/dashboard/list-budget-alerts";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { formatMoney } from "@/lib/format/money";

/** Budgeted customers this month: month-to-date charges, month-end forecast, % of budget (the page passes the loading paces). */
export async function BudgetAlertsCard({ paces: loading }: { paces: Promise<BudgetPace[]> }) {
  const paces = await loading;
  if (paces.length === 0) return null;
  const over = paces.filter((p) => p.overBudget).length;
  return (
    <div className="mt-6">
      <Card title={over > 0 ? `Budgets: ${over} customer${over === 1 ? "" : "s"} on pace to exceed` : "Budgets"}>
        <table className="w-full text-sm" data-testid="budget-alerts">
          <thead className="text-left text-xs uppercase text-slate-500">
            <tr>
              <th className="py-2">Customer</th>
              <th className="py-2 text-right">Budget</th>
              <th className="py-2 text-right">Month to date</th>
              <th className="py-2 text-right">Forecast</th>
              <th className="py-2 text-right">% of budget</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {paces.map((p) => (
              <tr key={p.customerId} data-testid="budget-row" data-over-budget={p.overBudget ? "true" : "false"}>
                <td className="py-2">
                  <Link className="text-brand-700 hover:underline" href={`/customers/${p.customerId}/statement`}>
                    {p.companyName}
                  </Link>{" "}
                  {p.overBudget ? <Badge tone="danger">over pace</Badge> : null}
                </td>
                <td className="py-2 text-right tabular-nums">{formatMoney(p.budget, p.currency)}</td>
                <td className="py-2 text-right tabular-nums">{formatMoney(p.monthToDate, p.currency)}</td>
                <td className="py-2 text-right tabular-nums">{formatMoney(p.forecast, p.currency)}</td>
                <td className={`py-2 text-right tabular-nums ${p.overBudget ? "font-semibold text-red-700" : ""}`}>{p.percent.toFixed(1)} %</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-3 text-xs text-slate-500">Forecast = month-to-date charges at the customer&apos;s prices ÷ days elapsed × days in the month.</p>
      </Card>
    </div>
  );
}
