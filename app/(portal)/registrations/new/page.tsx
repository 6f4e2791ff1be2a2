import { requirePageScope } from "@/lib/auth/get-scope";
import { listDefaultSubscriptionOptions } from "@/lib/registrations/list-registration-subscription-options";
import { RegistrationForm } from "@/components/registrations/registration-form";
import { PageHeader } from "@/components/ui/card";

export const metadata = { title: "Register a stamp" };

export default async function NewRegistrationPage() {
  const scope = await requirePageScope("registrations:write");
  const options = await listDefaultSubscriptionOptions(scope);
  // The seed's guidance: APSS when a Direct CSP or a distributor operates the stamp, CSP when a
  // reseller (or an end customer) does.
  const recommended = scope.partnerKind === "INDIRECT_RESELLER" ? "CSP" : "APSS";
  return (
    <>
      <PageHeader
        title="Register a stamp"
        description="Associate the Azure Stack Hub stamp with an Azure subscription as soon as it is deployed, so its usage is billed. One registration per stamp."
      />
      <RegistrationForm options={options} recommended={recommended} />
    </>
  );
}
