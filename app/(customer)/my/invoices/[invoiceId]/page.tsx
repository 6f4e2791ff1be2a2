import Link from "next/link";
import { requireCustomerPageScope } from "@/lib/auth/get-scope";
import { getInvoice } from "@/lib/invoices/get-invoice";
import { orNotFound } from "@/lib/pages/or-not-found";
import { Card, PageHeader } from "@/components/ui/card";
import { buttonClasses } from "@/components/ui/button";
import { InvoiceDocument } from "@/components/invoices/invoice-document";

export const metadata = { title: "Invoice" };

export default async function CustomerInvoicePage({ params }: { params: Promise<{ invoiceId: string }> }) {
  const scope = await requireCustomerPageScope();
  const { invoiceId } = await params;
  const invoice = await orNotFound(getInvoice(scope, invoiceId));
  return (
    <>
      <nav className="mb-2 text-sm">
        <Link href="/my/invoices" className="text-brand-600 hover:underline">
          Invoices
        </Link>
      </nav>
      <PageHeader
        title={`Invoice ${invoice.number}`}
        description={`Billing period ${invoice.period}.`}
        actions={
          <a className={buttonClasses("secondary")} href={`/api/my/invoices/${invoice.id}/pdf`} download data-testid="download-invoice-pdf">
            Download PDF
          </a>
        }
      />
      <Card title="Invoice">
        <InvoiceDocument invoice={invoice} />
      </Card>
    </>
  );
}
