import Link from "next/link";
import { countryName } from "@/lib/customers/csp-markets";
import type { ResellerRow } from "@/lib/partners/list-resellers";
import { Badge } from "@/components/ui/badge";

export function ResellerTable({ rows }: { rows: ResellerRow[] }) {
  if (rows.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-sm text-slate-600">
        No resellers yet. Onboard your first one.
      </div>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-xs">
      <table className="w-full text-left text-sm" aria-label="Resellers">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-4 py-2.5">Reseller</th>
            <th className="px-4 py-2.5">MPN ID</th>
            <th className="px-4 py-2.5">Country</th>
            <th className="px-4 py-2.5">Status</th>
            <th className="px-4 py-2.5 text-right">Customers</th>
            <th className="px-4 py-2.5 text-right">Active users</th>
            <th className="px-4 py-2.5 text-right">Pending invitations</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id}>
              <td className="px-4 py-2.5 font-medium">
                <Link href={`/partners/${row.id}`} className="text-brand-600 hover:underline">
                  {row.name}
                </Link>
              </td>
              <td className="px-4 py-2.5 tabular-nums">{row.mpnId}</td>
              <td className="px-4 py-2.5">{countryName(row.country)}</td>
              <td className="px-4 py-2.5">{row.status === "SUSPENDED" ? <Badge tone="danger">Suspended</Badge> : <Badge tone="success">Active</Badge>}</td>
              <td className="px-4 py-2.5 text-right tabular-nums">
                <Link href={`/customers?reseller=${row.id}`} className="hover:underline">
                  {row.customerCount}
                </Link>
              </td>
              <td className="px-4 py-2.5 text-right tabular-nums">{row.activeUserCount}</td>
              <td className="px-4 py-2.5 text-right tabular-nums">{row.pendingInvitationCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
