import { requirePageScope } from "@/lib/auth/get-scope";
import { scopeCan } from "@/lib/auth/partner-scope";
import { listRegistrations } from "@/lib/registrations/list-registrations";
import { RegistrationTable } from "@/components/registrations/registration-table";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";

export const metadata = { title: "Registrations" };

const STEPS = [
  "Register the stamp with a CSP or Azure Partner Shared Services subscription: the default subscription.",
  "Request multi-tenancy approval; Microsoft approves it.",
  "Add each customer's tenant with one of its CSP subscriptions. Tenants you don't add are billed to the default subscription.",
];

export default async function RegistrationsPage() {
  const scope = await requirePageScope("registrations:read");
  const rows = await listRegistrations(scope);
  if (scope.isOperator) {
    return (
      <>
        <PageHeader
          title="Registrations"
          description="Every partner's Azure Stack Hub registrations, read-only: the stamp, its default subscription, multi-tenancy state and tenants. Partners register and change them; you approve multi-tenancy under Approvals."
        />
        <RegistrationTable rows={rows} showPartner />
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="Registrations"
        description="Each Azure Stack Hub stamp registers once with an Azure subscription; customer tenants added to the registration get their usage billed to their own CSP subscription."
        actions={scopeCan(scope, "registrations:write") ? <ButtonLink href="/registrations/new">Register a stamp</ButtonLink> : null}
      />
      <ol className="mb-6 grid gap-3 text-sm text-slate-700 md:grid-cols-3">
        {STEPS.map((step, index) => (
          <li key={step} className="flex gap-3 rounded-lg border border-slate-200 bg-white p-4">
            <span className="flex size-6 shrink-0 items-center justify-center rounded-full bg-brand-50 text-xs font-semibold text-brand-700">{index + 1}</span>
            {step}
          </li>
        ))}
      </ol>
      <RegistrationTable rows={rows} showPartner={scope.partnerKind === "INDIRECT_PROVIDER"} />
    </>
  );
}
