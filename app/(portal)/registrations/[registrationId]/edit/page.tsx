import Link from "next/link";
import { requirePageScope } from "@/lib/auth/get-scope";
import { orNotFound } from "@/lib/pages/or-not-found";
import { armRefOf, findRegistrationById } from "@/lib/registrations/find-registration";
import { listCustomerSubscriptions } from "@/lib/registrations/customer-subscriptions";
import { armResourceId } from "@/components/registrations/labels";
import { ReregisterForm } from "@/components/registrations/reregister-form";
import { Card, PageHeader } from "@/components/ui/card";

export const metadata = { title: "Re-register" };

export default async function ReregisterPage({ params }: { params: Promise<{ registrationId: string }> }) {
  const scope = await requirePageScope("registrations:write");
  const { registrationId } = await params;
  const registration = await orNotFound(findRegistrationById(scope, registrationId, { forWrite: true }));
  // Only to warn before a switch to Capacity, which the service refuses while tenants are added.
  const { rows } = await listCustomerSubscriptions(scope, armRefOf(registration), { take: 1000 });
  return (
    <>
      <nav className="mb-2 text-sm">
        <Link href={`/registrations/${registration.id}`} className="text-brand-600 hover:underline">
          {registration.stampName}
        </Link>
      </nav>
      <PageHeader
        title="Re-register"
        description="Re-registering is how a stamp switches billing model between Pay-as-you-use and Capacity, turns usage reporting on or off, or updates its stamp details."
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Card>
            <ReregisterForm
              registration={{
                id: registration.id,
                stampName: registration.stampName,
                stampRegion: registration.stampRegion,
                billingModel: registration.billingModel,
                agreementNumber: registration.agreementNumber,
                usageReportingEnabled: registration.usageReportingEnabled,
              }}
              tenantCount={rows.length}
            />
          </Card>
        </div>
        <Card title="Stays the same">
          <p className="mb-3 text-sm text-slate-600">
            The registration resource keeps its identity; registering a different stamp or subscription is a new registration.
          </p>
          <dl className="space-y-2 text-sm">
            <dt className="text-slate-500">ARM resource ID</dt>
            <dd className="break-all font-mono text-xs">{armResourceId(registration)}</dd>
            <dt className="text-slate-500">CloudDeploymentID</dt>
            <dd className="font-mono text-xs">{registration.cloudDeploymentId}</dd>
          </dl>
        </Card>
      </div>
    </>
  );
}
