import { requirePageScope } from "@/lib/auth/get-scope";
import { UpcomingSection } from "@/components/shell/upcoming-section";

export const metadata = { title: "Registrations" };

export default async function RegistrationsPage() {
  await requirePageScope("registrations:read");
  return (
    <UpcomingSection
      title="Registrations"
      description="Each Azure Stack Hub stamp registers once with an Azure subscription; customer tenants added to the registration get their usage billed to their own CSP subscription."
      items={[
        "Registrations per stamp: CloudDeploymentID, billing model, default subscription, multi-tenancy approval",
        "Customer tenants added to each registration, with the registration service's exact error codes",
        "Where usage of unregistered tenants goes (the registration's default subscription)",
      ]}
    />
  );
}
