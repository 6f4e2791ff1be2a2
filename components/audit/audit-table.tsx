import type { AuditEventRow } from "@/lib/audit/list-audit-events";
import { AuditDiff } from "./audit-diff";

const TIME = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "medium",
  timeZone: "UTC",
});

export function AuditTable({ rows, showPartner }: { rows: AuditEventRow[]; showPartner: boolean }) {
  if (rows.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-sm text-slate-600">
        No audit events match these filters.
      </div>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-xs">
      <table className="w-full text-left text-sm" aria-label="Audit events">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-4 py-2.5">Time (UTC)</th>
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
                <time dateTime={row.createdAt.toISOString()}>{TIME.format(row.createdAt)}</time>
              </td>
              <td className="px-4 py-2.5">{row.actor?.email ?? <span className="text-slate-500">system</span>}</td>
              <td className="px-4 py-2.5 font-mono text-xs">{row.action}</td>
              <td className="px-4 py-2.5">
                <span className="text-slate-600">{row.targetType}</span>
                <br />
                <span className="font-mono text-xs">{row.targetId}</span>
              </td>
              {showPartner ? <td className="px-4 py-2.5">{row.partner?.name ?? <span className="text-slate-500">Platform</span>}</td> : null}
              <td className="min-w-72 px-4 py-2.5">
                <details>
                  <summary className="cursor-pointer text-brand-600">Before / after</summary>
                  <div className="mt-2">
                    <AuditDiff before={row.before} after={row.after} />
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
