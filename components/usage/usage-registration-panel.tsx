import { formatDateTime } from "@/lib/format/dates";
import { formatUnitPrice } from "@/lib/format/money";
import type { UsageRegistrationDetail } from "@/lib/usage/get-usage-registration-detail";
import { Card } from "@/components/ui/card";
import { RecordsPerHourChart } from "./records-per-hour-chart";

const when = (date: Date) => formatDateTime(date);

export function UsageRegistrationPanel({ detail, capacity }: { detail: UsageRegistrationDetail; capacity: boolean }) {
  return (
    <div className="space-y-6">
      <Card title="Records per hour (last 48 hours, UTC)">
        <RecordsPerHourChart points={detail.hours} />
        {capacity ? <p className="mt-2 text-xs text-slate-500">Capacity registration: usage is stored for your insight and never rated.</p> : null}
      </Card>
      <Card title="Unregistered-tenant usage (last 31 days)">
        {detail.unregistered.length === 0 ? (
          <p className="text-sm text-slate-500">None: every tenant&apos;s usage is mapped to its customer subscription.</p>
        ) : (
          <>
            <p className="mb-3 text-sm text-slate-600">
              Local subscriptions whose owner isn&apos;t added to this registration: their usage is billed to your default subscription. Add the tenants to bill
              their customers instead.
            </p>
            <table className="w-full text-left text-sm">
              <thead className="text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th className="py-2">Local subscription</th>
                  <th className="py-2 text-right">Rated lines</th>
                  <th className="py-2 text-right">Pre-tax (unrounded)</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {detail.unregistered.map((row) => (
                  <tr key={row.localSubscriptionId}>
                    <td className="py-2 font-mono text-xs">{row.localSubscriptionId}</td>
                    <td className="py-2 text-right">{row.lines}</td>
                    <td className="py-2 text-right">{row.pretaxAmount ? formatUnitPrice(row.pretaxAmount, row.currency ?? "") : "Unpriced"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Card>
      <Card title="Rejected records (latest 50)">
        {detail.rejections.length === 0 ? (
          <p className="text-sm text-slate-500">No rejected records.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="py-2">Received</th>
                <th className="py-2">Index</th>
                <th className="py-2">Code</th>
                <th className="py-2">Reason</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {detail.rejections.map((row) => (
                <tr key={`${row.batchId}-${row.recordIndex}-${row.code}`}>
                  <td className="py-2 whitespace-nowrap">{when(row.createdAt)}</td>
                  <td className="py-2">{row.recordIndex}</td>
                  <td className="py-2 font-mono text-xs">{row.code}</td>
                  <td className="py-2">{row.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
