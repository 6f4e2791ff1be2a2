import Link from "next/link";
import type { CustomerListRow } from "@/lib/customers/list-customers";
import { countryName } from "@/lib/customers/csp-markets";

export function CustomerTable({ rows, showOwner }: { rows: CustomerListRow[]; showOwner: boolean }) {
  if (rows.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-sm text-slate-600">
        No customers match these filters.
      </div>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-xs">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-4 py-2.5">Customer</th>
            <th className="px-4 py-2.5">Directory domain</th>
            <th className="px-4 py-2.5">Tenant ID</th>
            <th className="px-4 py-2.5">Country</th>
            {showOwner ? <th className="px-4 py-2.5">Owner</th> : null}
            <th className="px-4 py-2.5 text-right">Subscriptions</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} className="hover:bg-slate-50">
              <td className="px-4 py-2.5 font-medium">
                <Link href={`/customers/${row.id}`} className="text-brand-700 hover:underline">
                  {row.companyName}
                </Link>
              </td>
              <td className="px-4 py-2.5">{row.domain}</td>
              <td className="px-4 py-2.5 font-mono text-xs text-slate-600">{row.tenantId}</td>
              <td className="px-4 py-2.5">{countryName(row.country)}</td>
              {showOwner ? <td className="px-4 py-2.5">{row.partner.name}</td> : null}
              <td className="px-4 py-2.5 text-right tabular-nums">{row.subscriptionCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
