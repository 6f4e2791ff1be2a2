import { formatDateTime } from "@/lib/format/dates";
import type { AlertWebhookRow } from "@/lib/alerts/list-alert-webhooks";
import { Badge } from "@/components/ui/badge";
import { WebhookRowActions } from "./webhook-row-actions";

export function WebhookTable({ rows }: { rows: AlertWebhookRow[] }) {
  if (rows.length === 0) {
    return <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-sm text-slate-600">No webhooks yet.</div>;
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-xs">
      <table className="w-full text-left text-sm" aria-label="Webhooks">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-4 py-2.5">URL</th>
            <th className="px-4 py-2.5">Added</th>
            <th className="px-4 py-2.5">Deliveries</th>
            <th className="px-4 py-2.5">Status</th>
            <th className="px-4 py-2.5 text-right">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} className={row.active ? undefined : "text-slate-500"}>
              <td className="break-all px-4 py-2.5 font-mono text-xs">{row.url}</td>
              <td className="px-4 py-2.5">{formatDateTime(row.createdAt)}</td>
              <td className="px-4 py-2.5 tabular-nums">{row.deliveries}</td>
              <td className="px-4 py-2.5">{row.active ? <Badge tone="success">Active</Badge> : <Badge tone="neutral">Disabled</Badge>}</td>
              <td className="px-4 py-2.5">
                <WebhookRowActions webhookId={row.id} url={row.url} active={row.active} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
