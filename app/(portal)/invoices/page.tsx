import { requirePageScope } from "@/lib/auth/get-scope";
import { isBillingPartnerScope } from "@/lib/chargeback/billing-partner-scope";
import { scopeCan } from "@/lib/auth/partner-scope";
import { listInvoices } from "@/lib/invoices/list-invoices";
import { listBillingHistory } from "@/lib/periods/list-billing-history";
import { BILLING_PERIOD_PATTERN } from "@/lib/billing/billing-period";
import { Card, PageHeader } from "@/components/ui/card";
import { ButtonLink } from "@/components/ui/button";
import { BillingHistoryTable } from "@/components/invoices/billing-history-table";
import { InvoiceListTable } from "@/components/invoices/invoice-list-table";

export const metadata = { title: "Invoices" };

export default async function InvoicesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const scope = await requirePageScope("statements:read");
  const search = await searchParams;
  const period = typeof search.period === "string" && BILLING_PERIOD_PATTERN.test(search.period) ? search.period : undefined;
  const customerId = typeof search.customerId === "string" && search.customerId.length <= 100 ? search.customerId : undefined;
  const billingPartner = isBillingPartnerScope(scope) && scopeCan(scope, "chargeback:manage");
  const [invoices, history] = await Promise.all([listInvoices(scope, { period, customerId }), billingPartner ? listBillingHistory(scope) : null]);
  return (
    <>
      <PageHeader
        title="Invoices"
        description="Each billing period closes once its last usage day has closed plus a grace (or earlier, when an admin closes it): its recon file is frozen and every customer gets a numbered invoice that never changes. Corrections to a closed period come as adjustment lines on the next invoice."
        actions={
          billingPartner ? (
            <ButtonLink href="/invoices/settings" variant="secondary">
              Invoice settings
            </ButtonLink>
          ) : null
        }
      />
      <div className="space-y-6">
        {history ? (
          <Card title="Billing history">
            <BillingHistoryTable rows={history.rows} currency={history.currency} canClose={billingPartner} />
          </Card>
        ) : null}
        <Card title={customerId && invoices[0] ? `Invoices of ${invoices[0].customer.companyName}` : period ? `Invoices for ${period}` : "Invoices"}>
          <InvoiceListTable rows={invoices} />
        </Card>
      </div>
    </>
  );
}
