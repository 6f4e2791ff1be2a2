import { requirePageScope } from "@/lib/auth/get-scope";
import { CSP_MARKETS } from "@/lib/customers/csp-markets";
import { CustomerForm } from "@/components/customers/customer-form";
import { Card, PageHeader } from "@/components/ui/card";

export const metadata = { title: "Add customer" };

export default async function NewCustomerPage() {
  const scope = await requirePageScope("customers:write");
  return (
    <>
      <PageHeader title="Add customer" description="Create the end customer and its directory; add CSP subscriptions next." />
      <Card>
        <CustomerForm countries={CSP_MARKETS} resellers={scope.partnerKind === "INDIRECT_PROVIDER" ? scope.resellers : []} />
      </Card>
    </>
  );
}
