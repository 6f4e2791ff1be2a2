import { formatDate, formatDateTime } from "@/lib/format/dates";
import type { ApiTokenListRow } from "@/lib/api-tokens/list-api-tokens";
import { Badge } from "@/components/ui/badge";
import { RevokeApiTokenButton } from "./revoke-api-token-button";

const when = (date: Date) => formatDateTime(date);

export function ApiTokenTable({ rows }: { rows: ApiTokenListRow[] }) {
  if (rows.length === 0) {
    return <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-sm text-slate-600">No API tokens yet.</div>;
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-xs">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-4 py-2.5">Name</th>
            <th className="px-4 py-2.5">Token</th>
            <th className="px-4 py-2.5">Created</th>
            <th className="px-4 py-2.5">Last used</th>
            <th className="px-4 py-2.5">Status</th>
            <th className="px-4 py-2.5 text-right">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} className={row.revokedAt ? "text-slate-500" : undefined}>
              <td className="px-4 py-2.5 font-medium">{row.name}</td>
              <td className="px-4 py-2.5 font-mono text-xs">{row.prefix}…</td>
              <td className="px-4 py-2.5">
                {when(row.createdAt)}
                {row.createdBy ? <span className="block text-xs text-slate-500">by {row.createdBy.displayName}</span> : null}
              </td>
              <td className="px-4 py-2.5">{row.lastUsedAt ? when(row.lastUsedAt) : "Never"}</td>
              <td className="px-4 py-2.5">
                {row.revokedAt ? <Badge tone="neutral">Revoked {formatDate(row.revokedAt)}</Badge> : <Badge tone="success">Active</Badge>}
              </td>
              <td className="px-4 py-2.5 text-right">{row.revokedAt ? null : <RevokeApiTokenButton tokenId={row.id} name={row.name} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
