import Link from "next/link";
import { requireBillingPartnerPage } from "@/lib/chargeback/require-billing-partner-page";
import { getCustomerBillingProfile } from "@/lib/invoices/get-customer-billing-profile";
import { listCustomerCredits } from "@/lib/invoices/list-customer-credits";
import { listInvoices } from "@/lib/invoices/list-invoices";
import { currentPeriod } from "@/lib/billing/billing-period";
import { orNotFound } from "@/lib/pages/or-not-found";
import { Card, PageHeader } from "@/components/ui/card";
import { CustomerBillingProfileForm } from "@/components/invoices/customer-billing-profile-form";
import { CustomerCredits } from "@/components/invoices/customer-credits";
import { InvoiceListTable } from "@/components/invoices/invoice-list-table";

export const metadata = { title: "Customer billing" };

export default async function CustomerBillingPage({ params }: { params: Promise<{ customerId: string }> }) {
  const scope = await requireBillingPartnerPage();
  const { customerId } = await params;
  const profile = await orNotFound(getCustomerBillingProfile(scope, customerId));
  const [credits, invoices] = await Promise.all([listCustomerCredits(scope, customerId), listInvoices(scope, { customerId })]);
  return (
    <>
      <nav className="mb-2 text-sm">
        <Link href={`/customers/${customerId}`} className="text-brand-600 hover:underline">
          {profile.companyName}
        </Link>
      </nav>
      <PageHeader
        title={`Billing: ${profile.companyName}`}
        description="Who the invoices are addressed to, tax and payment terms, credits and fees, and every invoice issued."
      />
      <div className="space-y-6">
        <Card title="Billing profile">
          <CustomerBillingProfileForm profile={profile} />
        </Card>
        <Card title="Credits and fees">
          <CustomerCredits customerId={customerId} credits={credits} firstOpenPeriod={currentPeriod()} currency={profile.currency} />
        </Card>
        <Card title="Invoices">
          <InvoiceListTable rows={invoices} />
        </Card>
      </div>
    </>
  );
}
