import { formatDateTime } from "@/lib/format/dates";
import type { AlertDeliveryRow } from "@/lib/alerts/list-alert-deliveries";
import { Badge } from "@/components/ui/badge";
import { ALERT_KIND_LABELS } from "./alert-kind-labels";

const STATUS = {
  PENDING: { tone: "warning", label: "Retrying" },
  DELIVERED: { tone: "success", label: "Delivered" },
  FAILED: { tone: "danger", label: "Given up" },
} as const;

/** The webhook delivery log: attempts, last response code or error, next retry, delivered or given up. */
export function DeliveryLogTable({ rows }: { rows: AlertDeliveryRow[] }) {
  if (rows.length === 0) {
    return <p className="text-sm text-slate-600">No deliveries yet: alerts are POSTed to your webhooks as they are raised.</p>;
  }
  return (
    <table className="w-full text-left text-sm" aria-label="Delivery log">
      <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
        <tr>
          <th className="py-2 pr-4">Alert</th>
          <th className="py-2 pr-4">Webhook</th>
          <th className="py-2 pr-4">Status</th>
          <th className="py-2 pr-4">Attempts</th>
          <th className="py-2 pr-4">Last response</th>
          <th className="py-2 pr-4">Next retry</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => {
          const status = row.status === "PENDING" && row.attempts === 0 ? { tone: "info" as const, label: "Queued" } : STATUS[row.status];
          return (
            <tr key={row.id} data-testid="delivery-row">
              <td className="py-2 pr-4">
                {ALERT_KIND_LABELS[row.alertKind]}
                <span className="block text-xs text-slate-500">
                  {row.customerName} · {formatDateTime(row.createdAt)}
                </span>
              </td>
              <td className="break-all py-2 pr-4 font-mono text-xs">{row.webhookUrl}</td>
              <td className="py-2 pr-4">
                <Badge tone={status.tone}>{status.label}</Badge>
                {row.deliveredAt ? <span className="block text-xs text-slate-500">{formatDateTime(row.deliveredAt)}</span> : null}
              </td>
              <td className="py-2 pr-4 tabular-nums">{row.attempts}</td>
              <td className="py-2 pr-4">
                {row.lastStatusCode !== null ? <span className="tabular-nums">HTTP {row.lastStatusCode}</span> : null}
                {row.lastError && row.lastStatusCode === null ? <span className="text-xs text-red-700">{row.lastError}</span> : null}
                {row.lastStatusCode === null && !row.lastError ? "—" : null}
              </td>
              <td className="py-2 pr-4">{row.status === "PENDING" && row.nextAttemptAt ? formatDateTime(row.nextAttemptAt) : "—"}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
