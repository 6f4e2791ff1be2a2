import Link from "next/link";
import type { InvoiceListRow } from "@/lib/invoices/list-invoices";
import { formatMoney } from "@/lib/format/money";
import { Badge } from "@/components/ui/badge";

const DELIVERY_TONE = { SENT: "success", FAILED: "danger", NOT_SENT: "neutral" } as const;
const DELIVERY_LABEL: Record<string, string> = { SENT: "Sent", FAILED: "Sending failed", NOT_SENT: "Not sent" };

export function DeliveryBadge({ status }: { status: string }) {
  return <Badge tone={DELIVERY_TONE[status as keyof typeof DELIVERY_TONE] ?? "neutral"}>{DELIVERY_LABEL[status] ?? status}</Badge>;
}

/** Invoices as the caller may see them; the Microsoft cost column only when the rows carry it. */
export function InvoiceListTable({ rows, hrefBase = "/invoices" }: { rows: InvoiceListRow[]; hrefBase?: string }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">No invoices yet: invoices are issued when a period closes.</p>;
  const showsCost = rows.some((row) => row.microsoftCost !== undefined);
  return (
    <table className="w-full text-sm" data-testid="invoice-list">
      <thead className="text-left text-xs uppercase text-slate-500">
        <tr>
          <th className="py-2 pr-4">Number</th>
          <th className="py-2 pr-4">Period</th>
          <th className="py-2 pr-4">Customer</th>
          <th className="py-2 pr-4">Due</th>
          <th className="py-2 pr-4 text-right">Total</th>
          {showsCost ? <th className="py-2 pr-4 text-right">Microsoft cost</th> : null}
          <th className="py-2">Delivery</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => (
          <tr key={row.id} data-testid="invoice-row">
            <td className="py-2 pr-4 font-medium">
              <Link className="text-brand-700 hover:underline" href={`${hrefBase}/${row.id}`}>
                {row.number}
              </Link>
            </td>
            <td className="py-2 pr-4">{row.period}</td>
            <td className="py-2 pr-4">{row.customer.companyName}</td>
            <td className="py-2 pr-4">{row.dueDate}</td>
            <td className="py-2 pr-4 text-right tabular-nums">{formatMoney(row.total, row.currency)}</td>
            {showsCost ? <td className="py-2 pr-4 text-right tabular-nums">{row.microsoftCost ? formatMoney(row.microsoftCost, row.currency) : "—"}</td> : null}
            <td className="py-2">
              <DeliveryBadge status={row.deliveryStatus} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
