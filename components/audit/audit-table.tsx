import type { AuditEventRow } from "@/lib/audit/list-audit-events";
import { auditActionLabel, auditTargetLabel } from "@/lib/audit/audit-labels";
import { formatDateTime } from "@/lib/format/dates";
import { CopyIdButton } from "@/components/ui/copy-id-button";
import { AuditDiff } from "./audit-diff";

/** `names`: id → name of the records the events mention (targets and ids in before/after). */
export function AuditTable({ rows, showPartner, names }: { rows: AuditEventRow[]; showPartner: boolean; names: Record<string, string> }) {
  if (rows.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-sm text-slate-600">
        No audit events match these filters. Every change made in the portal (customers, users, registrations, prices) appears here.
      </div>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-xs">
      <table className="w-full text-left text-sm" aria-label="Audit events">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-4 py-2.5">Time</th>
            <th className="px-4 py-2.5">Actor</th>
            <th className="px-4 py-2.5">Action</th>
            <th className="px-4 py-2.5">Target</th>
            {showPartner ? <th className="px-4 py-2.5">Partner</th> : null}
            <th className="px-4 py-2.5">Changes</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {rows.map((row) => (
            <tr key={row.id} data-testid="audit-row">
              <td className="whitespace-nowrap px-4 py-2.5 tabular-nums">
                <time dateTime={row.createdAt.toISOString()}>{formatDateTime(row.createdAt)}</time>
              </td>
              <td className="px-4 py-2.5">{row.actor?.email ?? <span className="text-slate-500">system</span>}</td>
              <td className="px-4 py-2.5" data-action={row.action}>
                {auditActionLabel(row.action)}
              </td>
              <td className="px-4 py-2.5">
                <span className="block text-xs text-slate-500">{auditTargetLabel(row.targetType)}</span>
                <span className="font-medium">{names[row.targetId] ?? "(no longer exists)"}</span>{" "}
                <CopyIdButton id={row.targetId} of={names[row.targetId] ?? auditTargetLabel(row.targetType)} />
              </td>
              {showPartner ? <td className="px-4 py-2.5">{row.partner?.name ?? <span className="text-slate-500">Platform</span>}</td> : null}
              <td className="min-w-72 px-4 py-2.5">
                <details>
                  <summary className="cursor-pointer text-brand-600">Before / after</summary>
                  <div className="mt-2">
                    <AuditDiff before={row.before} after={row.after} names={names} />
                  </div>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
