// The drill-down: filters (a plain GET form, so they live in the URL) and one page of lines.
import type { ReconciliationLineRow } from "@/lib/reconciliation/list-reconciliation-lines";
import type { ReconciliationPeriod } from "@/lib/reconciliation/get-reconciliation-period";
import type { ReconciliationLineFilter } from "@/lib/reconciliation/reconciliation-line-filter";
import { RECONCILIATION_CLASSES, RECONCILIATION_CLASS_LABELS } from "@/lib/reconciliation/reconciliation-classes";
import { formatMoney, formatUnitPrice } from "@/lib/format/money";
import { Badge } from "@/components/ui/badge";

const select = "rounded-md border border-slate-300 px-2 py-1.5 text-sm";
/** A numeric's text without its trailing zeros ("24.5000000000" → "24.5"). */
const quantity = (value: string | null) => (value === null ? "—" : value.includes(".") ? value.replace(/\.?0+$/, "") || "0" : value);

export function ReconciliationLineFilters({ period, view, filter }: { period: string; view: ReconciliationPeriod; filter: ReconciliationLineFilter }) {
  return (
    <form method="get" action="/billing/reconciliation" className="mb-4 flex flex-wrap items-end gap-3" data-testid="line-filters">
      <input type="hidden" name="period" value={period} />
      <label className="text-sm text-slate-700">
        <span className="block text-xs text-slate-500">Class</span>
        <select name="class" defaultValue={filter.class ?? ""} className={select}>
          <option value="">Any class</option>
          {RECONCILIATION_CLASSES.map((c) => (
            <option key={c} value={c}>
              {RECONCILIATION_CLASS_LABELS[c]}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm text-slate-700">
        <span className="block text-xs text-slate-500">Customer</span>
        <select name="customer" defaultValue={filter.customerId ?? ""} className={select}>
          <option value="">Any customer</option>
          {view.customers.map((c) => (
            <option key={c.customerId ?? "none"} value={c.customerId ?? "none"}>
              {c.customerName ?? "No customer"}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm text-slate-700">
        <span className="block text-xs text-slate-500">Stamp</span>
        <select name="stamp" defaultValue={filter.registrationId ?? ""} className={select}>
          <option value="">Any stamp</option>
          {view.stamps.map((s) => (
            <option key={s.registrationId ?? "none"} value={s.registrationId ?? "none"}>
              {s.stampName ?? "No stamp"}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-2 pb-2 text-sm text-slate-700">
        <input type="checkbox" name="differences" value="1" defaultChecked={filter.differencesOnly === true} />
        Differences only
      </label>
      <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
        Filter
      </button>
    </form>
  );
}

export function ReconciliationLinesTable({ rows, currency }: { rows: ReconciliationLineRow[]; currency: string }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">No lines match these filters.</p>;
  return (
    <table className="w-full text-sm" data-testid="reconciliation-lines">
      <thead className="text-left text-xs uppercase text-slate-500">
        <tr>
          <th className="px-2 py-2 font-medium">Class</th>
          <th className="px-2 py-2 font-medium">Usage day</th>
          <th className="px-2 py-2 font-medium">Customer · subscription</th>
          <th className="px-2 py-2 font-medium">Meter · resource</th>
          <th className="px-2 py-2 text-right font-medium">Quantity billed / reported</th>
          <th className="px-2 py-2 text-right font-medium">Unit price billed / rated</th>
          <th className="px-2 py-2 text-right font-medium">At stake</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => (
          <tr key={row.id} className="align-top">
            <td className="px-2 py-2">
              <Badge tone={row.class === "MATCHED" ? "success" : row.class === "REPORTED_NOT_BILLED" ? "warning" : "danger"}>
                {RECONCILIATION_CLASS_LABELS[row.class]}
              </Badge>
              {row.tenantId && row.class === "UNREGISTERED_TENANT" ? <p className="mt-1 text-xs text-slate-600">Tenant {row.tenantId}: register it</p> : null}
            </td>
            <td className="px-2 py-2 tabular-nums">{row.usageDate}</td>
            <td className="px-2 py-2">
              {row.customerName ?? <span className="text-slate-500">No customer</span>}
              <p className="font-mono text-xs text-slate-500">{row.subscriptionId}</p>
            </td>
            <td className="px-2 py-2">
              {row.meterName ?? row.meterId}
              <p className="max-w-xs break-all font-mono text-xs text-slate-500">{row.resourceUri || "—"}</p>
            </td>
            <td className="px-2 py-2 text-right tabular-nums">
              {quantity(row.billedQuantity)} / {quantity(row.ratedQuantity)}
            </td>
            <td className="px-2 py-2 text-right tabular-nums">
              {row.billedUnitPrice === null ? "—" : formatUnitPrice(row.billedUnitPrice, currency)} /{" "}
              {row.ratedUnitPrice === null ? "—" : formatUnitPrice(row.ratedUnitPrice, currency)}
            </td>
            <td
              className={`px-2 py-2 text-right tabular-nums ${row.moneyAtStake.startsWith("-") ? "text-amber-800" : row.moneyAtStake === "0.00" ? "" : "text-red-700"}`}
            >
              {formatMoney(row.moneyAtStake, currency)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
