import { requirePageScope } from "@/lib/auth/get-scope";
import { UpcomingSection } from "@/components/shell/upcoming-section";

export const metadata = { title: "Billing" };

export default async function BillingPage() {
  await requirePageScope("billing:read");
  return (
    <UpcomingSection
      title="Billing"
      description="Reconcile what Microsoft bills you for Azure Stack Hub usage, per end customer."
      items={[
        "Daily-rated usage recon files per billing period, whole partner or per customer, reseller or stamp",
        "Cost and usage charts per customer, stacked by commerce meter",
        "Unregistered-tenant usage landing on your default subscription",
      ]}
    />
  );
}
