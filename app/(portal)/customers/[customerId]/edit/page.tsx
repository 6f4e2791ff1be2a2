import { requirePageScope } from "@/lib/auth/get-scope";
import { getCustomer } from "@/lib/customers/get-customer";
import { CSP_MARKETS } from "@/lib/customers/csp-markets";
import { orNotFound } from "@/lib/pages/or-not-found";
import { CustomerForm } from "@/components/customers/customer-form";
import { Card, PageHeader } from "@/components/ui/card";

export const metadata = { title: "Edit customer" };

export default async function EditCustomerPage({ params }: { params: Promise<{ customerId: string }> }) {
  const scope = await requirePageScope("customers:write");
  const { customerId } = await params;
  const customer = await orNotFound(getCustomer(scope, customerId));
  return (
    <>
      <PageHeader title={`Edit ${customer.companyName}`} />
      <Card>
        <CustomerForm countries={CSP_MARKETS} resellers={[]} existing={customer} />
      </Card>
    </>
  );
}
