import Link from "next/link";
import type { BillingHistoryRow } from "@/lib/periods/list-billing-history";
import { formatMoney } from "@/lib/format/money";
import { formatDateTime } from "@/lib/format/dates";
import { Badge } from "@/components/ui/badge";
import { ClosePeriodButton } from "./close-period-button";

const linkClass = "text-brand-700 underline decoration-brand-100 underline-offset-2 hover:decoration-brand-700";

/** Every closed period with Microsoft's cost, revenue and margin, and the ended periods still open. */
export function BillingHistoryTable({ rows, currency, canClose }: { rows: BillingHistoryRow[]; currency: string; canClose: boolean }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">No period has ended yet.</p>;
  return (
    <table className="w-full text-sm" data-testid="billing-history">
      <thead className="text-left text-xs uppercase text-slate-500">
        <tr>
          <th className="py-2 pr-4">Period</th>
          <th className="py-2 pr-4">Status</th>
          <th className="py-2 pr-4 text-right">Microsoft cost</th>
          <th className="py-2 pr-4 text-right">Revenue</th>
          <th className="py-2 pr-4 text-right">Margin</th>
          <th className="py-2 pr-4 text-right">Invoices</th>
          <th className="py-2 text-right">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => (
          <tr key={row.period} data-testid={`history-${row.period}`}>
            <td className="py-2 pr-4 font-medium">{row.period}</td>
            <td className="py-2 pr-4">
              {row.status === "closed" ? (
                <>
                  <Badge tone="success">Closed</Badge>{" "}
                  <span className="text-xs text-slate-500">
                    {row.closedBy === "admin" ? "by an admin" : "automatically"}, {row.closedAt ? formatDateTime(row.closedAt) : ""}
                  </span>
                </>
              ) : (
                <>
                  <Badge tone="warning">Open</Badge>{" "}
                  <span className="text-xs text-slate-500">closes on its own {row.closesAt ? formatDateTime(row.closesAt) : ""}</span>
                </>
              )}
            </td>
            <td className="py-2 pr-4 text-right tabular-nums">{row.microsoftCost ? formatMoney(row.microsoftCost, currency) : "—"}</td>
            <td className="py-2 pr-4 text-right tabular-nums">{row.revenue ? formatMoney(row.revenue, currency) : "—"}</td>
            <td className="py-2 pr-4 text-right tabular-nums">{row.margin ? formatMoney(row.margin, currency) : "—"}</td>
            <td className="py-2 pr-4 text-right tabular-nums">
              {row.status === "closed" ? (
                <Link className={linkClass} href={`/invoices?period=${row.period}`}>
                  {row.invoiceCount} ({row.sentCount} sent)
                </Link>
              ) : (
                "—"
              )}
            </td>
            <td className="py-2 text-right">
              {row.status === "closed" ? (
                <a className={linkClass} href={`/api/periods/${row.period}/recon`} download data-testid={`frozen-recon-${row.period}`}>
                  Recon file
                </a>
              ) : canClose && row.closable ? (
                <ClosePeriodButton period={row.period} />
              ) : canClose ? (
                <span className="text-xs text-slate-500">closes after the earlier period</span>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
