import type { InvoiceView } from "@/lib/invoices/get-invoice";
import { formatMoney } from "@/lib/format/money";

const KIND_LABEL: Record<string, string> = { USAGE: "Usage", ADJUSTMENT: "Adjustment", DISCOUNT: "Discount", MINIMUM_FEE: "Minimum fee", CREDIT: "Credit" };

function Party({ title, party }: { title: string; party: InvoiceView["billFrom"] }) {
  return (
    <div className="text-sm">
      <h3 className="mb-1 text-xs font-semibold uppercase text-slate-500">{title}</h3>
      <p className="font-medium">{party.legalName}</p>
      <p className="whitespace-pre-line text-slate-700">{party.address}</p>
      {party.taxId ? <p className="text-slate-700">Tax ID: {party.taxId}</p> : null}
    </div>
  );
}

/** The invoice as frozen at the close: parties, lines (adjustments name their period), totals. */
export function InvoiceDocument({ invoice }: { invoice: InvoiceView }) {
  const money = (amount: string) => formatMoney(amount, invoice.currency);
  return (
    <div className="space-y-6">
      <div className="grid gap-6 sm:grid-cols-3">
        <Party title="Bill from" party={invoice.billFrom} />
        <Party title="Bill to" party={invoice.billTo} />
        <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
          <dt className="text-slate-500">Period</dt>
          <dd>{invoice.period}</dd>
          <dt className="text-slate-500">Issued</dt>
          <dd>{invoice.issueDate}</dd>
          <dt className="text-slate-500">Due</dt>
          <dd>{invoice.dueDate}</dd>
          <dt className="text-slate-500">Currency</dt>
          <dd>{invoice.currency}</dd>
        </dl>
      </div>
      <table className="w-full text-sm" data-testid="invoice-lines">
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr>
            <th className="py-2 pr-4">Description</th>
            <th className="py-2 pr-4">Kind</th>
            <th className="py-2 pr-4 text-right">Quantity</th>
            <th className="py-2 pr-4 text-right">Unit price</th>
            <th className="py-2 text-right">Amount ({invoice.currency})</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {invoice.lines.map((line) => (
            <tr key={line.id}>
              <td className="py-2 pr-4">
                {line.description}
                {line.refPeriod ? <span className="text-xs text-slate-500"> (adjusts {line.refPeriod})</span> : null}
              </td>
              <td className="py-2 pr-4">{KIND_LABEL[line.kind] ?? line.kind}</td>
              <td className="py-2 pr-4 text-right tabular-nums">{line.quantity ? `${line.quantity} ${line.unit ?? ""}` : ""}</td>
              <td className="py-2 pr-4 text-right tabular-nums">{line.unitPrice ?? ""}</td>
              <td className="py-2 text-right tabular-nums">{line.amount}</td>
            </tr>
          ))}
        </tbody>
        <tfoot className="text-sm">
          <tr>
            <td colSpan={4} className="pt-3 pr-4 text-right">
              Subtotal
            </td>
            <td className="pt-3 text-right tabular-nums">{money(invoice.subtotal)}</td>
          </tr>
          <tr>
            <td colSpan={4} className="pr-4 text-right">
              Tax ({invoice.taxRatePercent} %)
            </td>
            <td className="text-right tabular-nums">{money(invoice.taxAmount)}</td>
          </tr>
          <tr className="font-semibold">
            <td colSpan={4} className="pr-4 text-right">
              Total
            </td>
            <td className="text-right tabular-nums" data-testid="invoice-total">
              {money(invoice.total)}
            </td>
          </tr>
        </tfoot>
      </table>
      {invoice.reverseCharge ? <p className="text-xs text-slate-600">Reverse charge: VAT to be accounted for by the recipient.</p> : null}
    </div>
  );
}
