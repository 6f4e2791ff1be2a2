import Link from "next/link";
import { formatDateTime } from "@/lib/format/dates";
import type { NotificationRow } from "@/lib/alerts/list-notifications";
import { Badge } from "@/components/ui/badge";
import { ALERT_KIND_LABELS } from "./alert-kind-labels";
import { describeAlert } from "./describe-alert";
import { MarkReadButton } from "./notification-read-buttons";

/** audience "customer": a customer reader's list (the customer portal's cost analysis, its own mark-read action). */
export function NotificationList({ rows, audience = "partner" }: { rows: NotificationRow[]; audience?: "partner" | "customer" }) {
  if (rows.length === 0) {
    return <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-sm text-slate-600">No notifications.</div>;
  }
  return (
    <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-xs" aria-label="Notifications">
      {rows.map((row) => {
        const { headline, rule } = describeAlert(row.alert);
        const unread = row.readAt === null;
        return (
          <li
            key={row.id}
            data-testid="notification"
            data-read={unread ? "false" : "true"}
            className={`flex flex-wrap items-start justify-between gap-3 px-4 py-3 ${unread ? "bg-brand-50/40" : ""}`}
          >
            <div className="min-w-0 space-y-1">
              <p className="flex flex-wrap items-center gap-2 text-sm">
                <Badge tone={row.alert.kind === "ANOMALY" ? "danger" : "warning"}>{ALERT_KIND_LABELS[row.alert.kind]}</Badge>
                {unread ? <Badge tone="info">Unread</Badge> : null}
                <span className="text-xs text-slate-500">{formatDateTime(row.createdAt)}</span>
              </p>
              <p className={`text-sm ${unread ? "font-medium" : ""}`}>{headline}</p>
              <p className="text-xs text-slate-600">{rule}</p>
              <Link
                href={audience === "customer" ? "/my/costs" : `/customers/${row.alert.customerId}/usage`}
                className="text-xs text-brand-600 hover:underline"
              >
                {row.alert.customerName}&apos;s cost analysis
              </Link>
            </div>
            {unread ? <MarkReadButton notificationId={row.id} label="Mark read" audience={audience} /> : null}
          </li>
        );
      })}
    </ul>
  );
}
