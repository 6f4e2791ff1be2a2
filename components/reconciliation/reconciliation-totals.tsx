// The money at stake of a period's current import: per class, per customer, per stamp. Each row
// links to the drill-down below (the same page, filtered through the URL).
import Link from "next/link";
import type { ReconciliationPeriod, StakeTotals } from "@/lib/reconciliation/get-reconciliation-period";
import { RECONCILIATION_CLASS_HINTS, RECONCILIATION_CLASS_LABELS } from "@/lib/reconciliation/reconciliation-classes";
import { formatMoney } from "@/lib/format/money";

const th = "px-2 py-2 font-medium";
const td = "px-2 py-2 tabular-nums text-right";
const link = "text-brand-700 underline decoration-brand-100 underline-offset-2 hover:decoration-brand-700";

function StakeCells({ row, currency }: { row: StakeTotals; currency: string }) {
  return (
    <>
      <td className={td}>{row.keys.toLocaleString("en-US")}</td>
      <td className={td}>{formatMoney(row.billedTotal, currency)}</td>
      <td className={td}>{formatMoney(row.ratedTotal, currency)}</td>
      <td className={`${td} text-red-700`}>{row.overBilled === "0.00" ? "—" : formatMoney(row.overBilled, currency)}</td>
      <td className={`${td} text-amber-800`}>{row.underBilled === "0.00" ? "—" : formatMoney(row.underBilled, currency)}</td>
    </>
  );
}

function StakeHead({ first }: { first: string }) {
  return (
    <thead className="text-left text-xs uppercase text-slate-500">
      <tr>
        <th className={th}>{first}</th>
        <th className={`${th} text-right`}>Lines</th>
        <th className={`${th} text-right`}>Billed by Microsoft</th>
        <th className={`${th} text-right`}>Reported by stamps</th>
        <th className={`${th} text-right`}>Over-billed</th>
        <th className={`${th} text-right`}>Under-billed</th>
      </tr>
    </thead>
  );
}

export function ReconciliationClassTable({
  view,
  currency,
  hrefFor,
}: {
  view: ReconciliationPeriod;
  currency: string;
  hrefFor: (params: Record<string, string>) => string;
}) {
  return (
    <table className="w-full text-sm" data-testid="class-totals">
      <StakeHead first="Class" />
      <tbody className="divide-y divide-slate-100">
        {view.classes.map((row) => (
          <tr key={row.class} data-testid={`class-${row.class}`}>
            <td className="px-2 py-2">
              {row.keys > 0 ? (
                <Link className={link} href={hrefFor({ class: row.class })}>
                  {RECONCILIATION_CLASS_LABELS[row.class]}
                </Link>
              ) : (
                RECONCILIATION_CLASS_LABELS[row.class]
              )}
              <p className="text-xs text-slate-500">{RECONCILIATION_CLASS_HINTS[row.class]}</p>
            </td>
            <StakeCells row={row} currency={currency} />
          </tr>
        ))}
        <tr className="font-semibold" data-testid="class-total">
          <td className="px-2 py-2">Total</td>
          <StakeCells row={view.totals} currency={currency} />
        </tr>
      </tbody>
    </table>
  );
}

export function ReconciliationGroupTable({
  kind,
  view,
  currency,
  hrefFor,
}: {
  kind: "customer" | "stamp";
  view: ReconciliationPeriod;
  currency: string;
  hrefFor: (params: Record<string, string>) => string;
}) {
  const rows =
    kind === "customer"
      ? view.customers.map((c) => ({
          id: c.customerId,
          name: c.customerName ?? "No customer (default or another partner's subscription)",
          detail: c.resellerName,
          ...c,
        }))
      : view.stamps.map((s) => ({ id: s.registrationId, name: s.stampName ?? "No stamp reported it", detail: null, ...s }));
  if (rows.length === 0) return <p className="text-sm text-slate-600">No lines.</p>;
  return (
    <table className="w-full text-sm" data-testid={`${kind}-totals`}>
      <StakeHead first={kind === "customer" ? "Customer" : "Stamp"} />
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => (
          <tr key={row.id ?? "none"}>
            <td className="px-2 py-2">
              <Link className={link} href={hrefFor({ [kind]: row.id ?? "none", differences: "1" })}>
                {row.name}
              </Link>
              {row.detail ? <span className="ml-1 text-xs text-slate-500">({row.detail})</span> : null}
              <p className="text-xs text-slate-500">{row.differences === 0 ? "No differences" : `${row.differences.toLocaleString("en-US")} differences`}</p>
            </td>
            <StakeCells row={row} currency={currency} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}
