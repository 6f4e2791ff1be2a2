// Every import of the period, newest first: the current one and those it replaced (kept).
import type { ReconciliationImportSummary } from "@/lib/reconciliation/get-reconciliation-period";
import { formatDateTime } from "@/lib/format/dates";
import { Badge } from "@/components/ui/badge";

export function ReconciliationImports({ imports }: { imports: ReconciliationImportSummary[] }) {
  return (
    <table className="w-full text-sm" data-testid="reconciliation-imports">
      <thead className="text-left text-xs uppercase text-slate-500">
        <tr>
          <th className="px-2 py-2 font-medium">File</th>
          <th className="px-2 py-2 font-medium">Imported</th>
          <th className="px-2 py-2 text-right font-medium">Azure Stack lines</th>
          <th className="px-2 py-2 text-right font-medium">Set aside</th>
          <th className="px-2 py-2 font-medium">Status</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {imports.map((i) => (
          <tr key={i.id}>
            <td className="px-2 py-2">
              {i.fileName}
              <p className="text-xs text-slate-500">{i.format === "LEGACY" ? "Legacy usage-based" : "Daily-rated usage"}</p>
            </td>
            <td className="px-2 py-2">
              {formatDateTime(i.importedAt)}
              {i.importedBy ? <p className="text-xs text-slate-500">by {i.importedBy}</p> : null}
            </td>
            <td className="px-2 py-2 text-right tabular-nums">{i.azureStackLines.toLocaleString("en-US")}</td>
            <td className="px-2 py-2 text-right tabular-nums">{i.setAsideLines.toLocaleString("en-US")}</td>
            <td className="px-2 py-2">
              {i.current ? <Badge tone="info">Current</Badge> : <Badge>Replaced {i.supersededAt ? formatDateTime(i.supersededAt) : ""}</Badge>}
              {i.reviewedAt ? (
                <p className="mt-1 text-xs text-slate-500">
                  Reviewed {formatDateTime(i.reviewedAt)} by {i.reviewedBy ?? "a former user"}
                </p>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
