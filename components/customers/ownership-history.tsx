import { formatDateTime } from "@/lib/format/dates";
import type { OwnershipPeriodRow } from "@/lib/customers/list-ownership-history";

const when = (date: Date) => formatDateTime(date);

/** Who owned the customer when, and who moved it; the open period reads "now". */
export function OwnershipHistory({ periods }: { periods: OwnershipPeriodRow[] }) {
  if (periods.length === 0) return <p className="text-sm text-slate-600">No ownership recorded.</p>;
  return (
    <table className="w-full text-left text-sm" aria-label="Ownership history">
      <thead className="text-xs uppercase text-slate-500">
        <tr>
          <th className="py-2">Owner</th>
          <th>From</th>
          <th>Until</th>
          <th>Moved by</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {[...periods].reverse().map((period) => (
          <tr key={period.id} data-testid="ownership-period">
            <td className="py-2 font-medium">{period.partner?.name ?? <span className="text-slate-500">Another reseller</span>}</td>
            <td className="tabular-nums">{when(period.ownedFrom)}</td>
            <td className="tabular-nums">{period.ownedUntil ? when(period.ownedUntil) : "now"}</td>
            <td>
              {period.movedBy ? period.movedBy.email : <span className="text-slate-500">created</span>}
              {period.note ? <p className="text-xs text-slate-500">{period.note}</p> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
