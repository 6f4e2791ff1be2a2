import Link from "next/link";
import { requirePageScope } from "@/lib/auth/get-scope";
import { scopeCan } from "@/lib/auth/partner-scope";
import { getInvoice } from "@/lib/invoices/get-invoice";
import { orNotFound } from "@/lib/pages/or-not-found";
import { SMTP_DISABLED_NOTICE, smtpSettings } from "@/lib/invoices/smtp-settings";
import { formatDateTime } from "@/lib/format/dates";
import { formatMoney } from "@/lib/format/money";
import { Card, PageHeader, StatTile } from "@/components/ui/card";
import { buttonClasses } from "@/components/ui/button";
import { InvoiceDocument } from "@/components/invoices/invoice-document";
import { DeliveryBadge } from "@/components/invoices/invoice-list-table";
import { SendInvoiceButton } from "@/components/invoices/send-invoice-button";

export const metadata = { title: "Invoice" };

export default async function InvoicePage({ params }: { params: Promise<{ invoiceId: string }> }) {
  const scope = await requirePageScope("statements:read");
  const { invoiceId } = await params;
  const invoice = await orNotFound(getInvoice(scope, invoiceId));
  // Only the billing partner that issued it sees its cost, and only it sends it.
  const issuer = invoice.microsoftCost !== undefined && scopeCan(scope, "chargeback:manage");
  const smtp = smtpSettings();
  return (
    <>
      <nav className="mb-2 text-sm">
        <Link href="/invoices" className="text-brand-600 hover:underline">
          Invoices
        </Link>
      </nav>
      <PageHeader
        title={`Invoice ${invoice.number}`}
        description={`${invoice.customer.companyName}, billing period ${invoice.period}.`}
        actions={
          <a className={buttonClasses("secondary")} href={`/api/invoices/${invoice.id}/pdf`} download data-testid="download-invoice-pdf">
            Download PDF
          </a>
        }
      />
      {issuer ? (
        <div className="mb-6 grid gap-4 sm:grid-cols-3">
          <StatTile label="Total" value={formatMoney(invoice.total, invoice.currency)} />
          <StatTile label="Microsoft cost" value={<span data-testid="invoice-cost">{formatMoney(invoice.microsoftCost ?? "0", invoice.currency)}</span>} />
          <StatTile label="Delivery" value={<DeliveryBadge status={invoice.deliveryStatus} />} />
        </div>
      ) : null}
      <div className="space-y-6">
        <Card title="Invoice">
          <InvoiceDocument invoice={invoice} />
        </Card>
        {issuer ? (
          <Card title="E-mail">
            {smtp ? (
              <div className="space-y-4 text-sm">
                <p>
                  Sent to the customer&apos;s billing contacts
                  {invoice.billingEmails.length ? ` (${invoice.billingEmails.join(", ")} at the close)` : ""} with the PDF attached.
                </p>
                <SendInvoiceButton invoiceId={invoice.id} sent={invoice.deliveries.length > 0} />
              </div>
            ) : (
              <p className="text-sm text-amber-800" role="status" data-testid="smtp-disabled">
                {SMTP_DISABLED_NOTICE}
              </p>
            )}
            {invoice.deliveries.length ? (
              <ul className="mt-4 space-y-1 text-sm" data-testid="deliveries">
                {invoice.deliveries.map((delivery) => (
                  <li key={delivery.id}>
                    <DeliveryBadge status={delivery.status} /> {formatDateTime(delivery.createdAt)} to {delivery.recipients.join(", ")}
                    {delivery.error ? <span className="text-red-700"> ({delivery.error})</span> : null}
                  </li>
                ))}
              </ul>
            ) : null}
          </Card>
        ) : null}
      </div>
    </>
  );
}
