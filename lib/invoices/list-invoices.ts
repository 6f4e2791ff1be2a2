import "server-only";
// Invoices the caller sees, newest first, optionally for one period or one customer. Microsoft's cost
// is in a row only for the billing partner that issued it.
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { invoiceScopeFilter, scopeSeesInvoiceCost } from "./invoice-scope-filter";

export interface InvoiceListRow {
  id: string;
  number: string;
  period: string;
  issueDate: string;
  dueDate: string;
  customer: { id: string; companyName: string };
  currency: string;
  subtotal: string;
  taxAmount: string;
  total: string;
  deliveryStatus: string;
  microsoftCost?: string;
}

export const INVOICE_LIST_LIMIT = 500;

export async function listInvoices(scope: PartnerScope, filter: { period?: string; customerId?: string } = {}): Promise<InvoiceListRow[]> {
  const prisma = await getPrisma();
  const rows = await prisma.invoice.findMany({
    where: { AND: [invoiceScopeFilter(scope), filter.period ? { period: filter.period } : {}, filter.customerId ? { customerId: filter.customerId } : {}] },
    orderBy: [{ period: "desc" }, { number: "asc" }],
    take: INVOICE_LIST_LIMIT,
    select: {
      id: true,
      partnerId: true,
      number: true,
      period: true,
      issueDate: true,
      dueDate: true,
      customer: { select: { id: true, companyName: true } },
      currency: true,
      subtotal: true,
      taxAmount: true,
      total: true,
      deliveryStatus: true,
      microsoftCost: true,
    },
  });
  return rows.map((row) => {
    const result: InvoiceListRow = {
      id: row.id,
      number: row.number,
      period: row.period,
      issueDate: row.issueDate.toISOString().slice(0, 10),
      dueDate: row.dueDate.toISOString().slice(0, 10),
      customer: row.customer,
      currency: row.currency,
      subtotal: row.subtotal.toFixed(2),
      taxAmount: row.taxAmount.toFixed(2),
      total: row.total.toFixed(2),
      deliveryStatus: row.deliveryStatus,
    };
    if (scopeSeesInvoiceCost(scope, row.partnerId)) result.microsoftCost = row.microsoftCost.toFixed(2);
    return result;
  });
}
