import { requireCustomerPageScope } from "@/lib/auth/get-scope";
import { listInvoices } from "@/lib/invoices/list-invoices";
import { Card, PageHeader } from "@/components/ui/card";
import { InvoiceListTable } from "@/components/invoices/invoice-list-table";

export const metadata = { title: "Invoices" };

export default async function CustomerInvoicesPage() {
  const scope = await requireCustomerPageScope();
  // A customer reader's invoice scope is its own customer's invoices, never with Microsoft's cost.
  const invoices = await listInvoices(scope);
  return (
    <>
      <PageHeader title="Invoices" description={`The invoices ${scope.partnerName} issued to ${scope.customerName}, one per closed billing period.`} />
      <Card>
        <InvoiceListTable rows={invoices} hrefBase="/my/invoices" />
      </Card>
    </>
  );
}
