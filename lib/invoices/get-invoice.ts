import "server-only";
// One invoice as the caller may see it: a foreign id is NotFound; Microsoft's cost is in the result
// only for the billing partner that issued it (never for a reseller, never in the PDF).
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { notFound } from "../errors";
import { invoiceScopeFilter, scopeSeesInvoiceCost } from "./invoice-scope-filter";

export interface InvoiceViewLine {
  id: string;
  kind: string;
  description: string;
  unit: string | null;
  quantity: string | null;
  unitPrice: string | null;
  amount: string;
  firstDay: string | null;
  lastDay: string | null;
  refPeriod: string | null;
  refLineId: string | null;
}

export interface InvoiceView {
  id: string;
  number: string;
  period: string;
  issueDate: string;
  dueDate: string;
  currency: string;
  customer: { id: string; companyName: string };
  billFrom: { legalName: string; address: string; taxId: string };
  billTo: { legalName: string; address: string; taxId: string };
  billingEmails: string[];
  subtotal: string;
  taxRatePercent: string;
  taxAmount: string;
  total: string;
  reverseCharge: boolean;
  deliveryStatus: string;
  deliveries: { id: string; status: string; recipients: string[]; error: string | null; createdAt: string }[];
  lines: InvoiceViewLine[];
  /** Present only for the issuing billing partner. */
  microsoftCost?: string;
}

type Party = InvoiceView["billFrom"];
const party = (value: unknown): Party => {
  const record = (value ?? {}) as Partial<Party>;
  return { legalName: String(record.legalName ?? ""), address: String(record.address ?? ""), taxId: String(record.taxId ?? "") };
};
const day = (date: Date) => date.toISOString().slice(0, 10);

export async function getInvoice(scope: PartnerScope, invoiceId: string): Promise<InvoiceView> {
  const prisma = await getPrisma();
  const invoice = await prisma.invoice.findFirst({
    where: { AND: [{ id: invoiceId }, invoiceScopeFilter(scope)] },
    select: {
      id: true,
      partnerId: true,
      number: true,
      period: true,
      issueDate: true,
      dueDate: true,
      currency: true,
      customer: { select: { id: true, companyName: true } },
      billFrom: true,
      billTo: true,
      billingEmails: true,
      subtotal: true,
      taxRatePercent: true,
      taxAmount: true,
      total: true,
      reverseCharge: true,
      microsoftCost: true,
      deliveryStatus: true,
      deliveries: { orderBy: { createdAt: "desc" }, select: { id: true, status: true, recipients: true, error: true, createdAt: true } },
      lines: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          kind: true,
          description: true,
          unit: true,
          quantity: true,
          unitPrice: true,
          amount: true,
          firstDay: true,
          lastDay: true,
          refPeriod: true,
          refLineId: true,
        },
      },
    },
  });
  if (!invoice) throw notFound("The invoice");
  const view: InvoiceView = {
    id: invoice.id,
    number: invoice.number,
    period: invoice.period,
    issueDate: day(invoice.issueDate),
    dueDate: day(invoice.dueDate),
    currency: invoice.currency,
    customer: invoice.customer,
    billFrom: party(invoice.billFrom),
    billTo: party(invoice.billTo),
    billingEmails: invoice.billingEmails,
    subtotal: invoice.subtotal.toFixed(2),
    taxRatePercent: invoice.taxRatePercent.toString(),
    taxAmount: invoice.taxAmount.toFixed(2),
    total: invoice.total.toFixed(2),
    reverseCharge: invoice.reverseCharge,
    deliveryStatus: invoice.deliveryStatus,
    deliveries: invoice.deliveries.map((delivery) => ({ ...delivery, createdAt: delivery.createdAt.toISOString() })),
    lines: invoice.lines.map((line) => ({
      ...line,
      quantity: line.quantity?.toString() ?? null,
      unitPrice: line.unitPrice?.toString() ?? null,
      amount: line.amount.toFixed(2),
    })),
  };
  if (scopeSeesInvoiceCost(scope, invoice.partnerId)) view.microsoftCost = invoice.microsoftCost.toFixed(2);
  return view;
}
