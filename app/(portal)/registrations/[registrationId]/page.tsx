import Link from "next/link";
import { formatDate, formatDateTime } from "@/lib/format/dates";
import { requirePageScope } from "@/lib/auth/get-scope";
import { scopeCan } from "@/lib/auth/partner-scope";
import { orNotFound } from "@/lib/pages/or-not-found";
import { armRefOf, findRegistrationById } from "@/lib/registrations/find-registration";
import { listCustomerSubscriptions } from "@/lib/registrations/customer-subscriptions";
import { listAddableCustomerSubscriptions } from "@/lib/registrations/list-registration-subscription-options";
import { multiTenancyRequestEmail } from "@/lib/registrations/multi-tenancy-email";
import { AddTenantForm } from "@/components/registrations/add-tenant-form";
import { ApprovalRequestCard } from "@/components/registrations/approval-request-card";
import { ErrorCodeHelpPanel } from "@/components/registrations/error-code-help-panel";
import { defaultSubscriptionLabel, RegistrationDetails, UnregisteredUsageNotice } from "@/components/registrations/registration-details";
import { TenantList, type TenantRow } from "@/components/registrations/tenant-list";
import { VerifyTenantForm } from "@/components/registrations/verify-tenant-form";
import { IngestionKeysCard } from "@/components/usage/ingestion-keys-card";
import { listIngestionKeys } from "@/lib/usage/ingestion-keys/manage-ingestion-keys";
import { getStampConnection } from "@/lib/stamps/get-stamp-connection";
import { StampConnectionForm } from "@/components/stamps/stamp-connection-form";
import { StampHealth } from "@/components/stamps/stamp-health";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";

export const metadata = { title: "Registration" };

export default async function RegistrationPage({ params }: { params: Promise<{ registrationId: string }> }) {
  const scope = await requirePageScope("registrations:read");
  const { registrationId } = await params;
  const registration = await orNotFound(findRegistrationById(scope, registrationId));
  const canWrite = scopeCan(scope, "registrations:write");
  // Up to 1000 tenants on one page: far more than a stamp serves in practice.
  const [{ rows }, addable, connection, ingestionKeys] = await Promise.all([
    listCustomerSubscriptions(scope, armRefOf(registration), { take: 1000 }),
    canWrite ? listAddableCustomerSubscriptions(scope, registration) : Promise.resolve([]),
    // Only who may change the registration sees (and edits) how the portal reaches its stamp.
    canWrite ? getStampConnection(scope, registration.id).catch(() => undefined) : Promise.resolve(undefined),
    // A registration the scope can see but not change (a distributor's view rules) shows no keys.
    canWrite && scope.manageablePartnerIds.length ? listIngestionKeys(scope, registration.id).catch(() => null) : Promise.resolve(null),
  ]);
  const tenants: TenantRow[] = rows.map((row) => ({
    customerSubscriptionId: row.customerSubscriptionId,
    subscriptionName: row.customerSubscription.displayName,
    tenantId: row.tenantId,
    customerId: row.customerSubscription.customer?.id ?? null,
    customerName: row.customerSubscription.customer?.companyName ?? null,
    addedAt: formatDate(row.updatedAt),
  }));
  const addWarning =
    registration.billingModel === "CAPACITY"
      ? "This is a Capacity registration: adding a tenant fails with CustomerSubscriptionsNotAllowed. Re-register with Pay-as-you-use first."
      : registration.multiTenancyState !== "APPROVED"
        ? "This registration isn't approved for multi-tenancy yet: adding a tenant fails with UnauthorizedCspRegistration. Request approval first."
        : undefined;

  return (
    <>
      <nav className="mb-2 text-sm">
        <Link href="/registrations" className="text-brand-600 hover:underline">
          Registrations
        </Link>
      </nav>
      <PageHeader
        title={registration.stampName}
        description={<span className="font-mono text-xs">{registration.name}</span>}
        actions={
          canWrite ? (
            <ButtonLink href={`/registrations/${registration.id}/edit`} variant="secondary">
              Re-register
            </ButtonLink>
          ) : null
        }
      />
      <UnregisteredUsageNotice registration={registration} tenantCount={tenants.length} />
      <div className="grid gap-6 lg:grid-cols-3">
        <RegistrationDetails registration={registration} />
        <div className="space-y-6 lg:col-span-2">
          <ApprovalRequestCard
            registrationId={registration.id}
            state={registration.multiTenancyState}
            billingModel={registration.billingModel}
            requestedAt={registration.multiTenancyRequestedAt ? formatDateTime(registration.multiTenancyRequestedAt) : null}
            decidedAt={registration.multiTenancyDecidedAt ? formatDateTime(registration.multiTenancyDecidedAt) : null}
            decisionNote={registration.multiTenancyDecisionNote}
            email={multiTenancyRequestEmail({ ...registration, partnerName: registration.partner.name })}
            canRequest={canWrite}
          />
          <Card title={`Customer tenants (${tenants.length})`}>
            <div className="space-y-6">
              <TenantList
                registrationId={registration.id}
                rows={tenants}
                canWrite={canWrite}
                defaultSubscriptionLabel={defaultSubscriptionLabel(registration)}
              />
              {canWrite ? (
                <div className="border-t border-slate-100 pt-5">
                  <h3 className="mb-3 text-sm font-semibold">Add a customer tenant</h3>
                  <AddTenantForm registrationId={registration.id} options={addable} warning={addWarning} />
                </div>
              ) : null}
              <div className="border-t border-slate-100 pt-5">
                <h3 className="mb-3 text-sm font-semibold">Verify a customer subscription</h3>
                <VerifyTenantForm registrationId={registration.id} />
              </div>
            </div>
          </Card>
          {ingestionKeys ? <IngestionKeysCard registrationId={registration.id} keys={ingestionKeys} /> : null}
          {connection !== undefined ? (
            <Card title="Stamp connection">
              <p className="mb-4 text-sm text-slate-600">
                How the portal reaches this stamp&apos;s admin Resource Manager to collect its usage, signed in as a service principal.
              </p>
              {connection ? <StampHealth connection={connection} /> : null}
              <div className={connection ? "mt-4" : undefined}>
                <StampConnectionForm registrationId={registration.id} connection={connection} />
              </div>
            </Card>
          ) : null}
        </div>
      </div>
      <div className="mt-6">
        <ErrorCodeHelpPanel />
      </div>
    </>
  );
}
