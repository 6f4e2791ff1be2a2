import Link from "next/link";
import { getBillingSettings } from "@/lib/invoices/get-billing-settings";
import { requireBillingPartnerPage } from "@/lib/chargeback/require-billing-partner-page";
import { Card, PageHeader } from "@/components/ui/card";
import { BillingSettingsForm } from "@/components/invoices/billing-settings-form";

export const metadata = { title: "Invoice settings" };

export default async function InvoiceSettingsPage() {
  const scope = await requireBillingPartnerPage();
  const settings = await getBillingSettings(scope);
  return (
    <>
      <nav className="mb-2 text-sm">
        <Link href="/invoices" className="text-brand-600 hover:underline">
          Invoices
        </Link>
      </nav>
      <PageHeader title="Invoice settings" description="What your invoices say about you, how they are numbered, and when your periods close on their own." />
      <Card>
        <BillingSettingsForm current={settings} />
      </Card>
    </>
  );
}
