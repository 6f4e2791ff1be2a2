// The registration's facts (ARM identity, stamp, billing) and the plain statement of where usage
// of tenants that aren't added goes: the heart of the seed's "charging the right subscriptions".
import type { ReactNode } from "react";
import { formatDate } from "@/lib/format/dates";
import type { RegistrationRecord } from "@/lib/registrations/find-registration";
import { Card } from "@/components/ui/card";
import { armResourceId, BillingModelBadge } from "./labels";

export function defaultSubscriptionLabel(registration: RegistrationRecord): string {
  return `the default subscription ${registration.defaultSubscription.displayName} (${registration.subscriptionId})`;
}

export function UnregisteredUsageNotice({ registration, tenantCount }: { registration: RegistrationRecord; tenantCount: number }) {
  const target = defaultSubscriptionLabel(registration);
  let statement: string;
  if (registration.billingModel === "CAPACITY") {
    statement = `This is a Capacity registration: the stamp reports no usage to Azure commerce, so no tenant's usage is billed per use. It is licensed by capacity agreement ${registration.agreementNumber ?? "—"}.`;
  } else if (!registration.usageReportingEnabled) {
    statement = `Usage reporting is off, so no usage reaches Azure commerce. Once it is on, usage of tenants not added to this registration is billed to ${target}.`;
  } else {
    statement = `Usage of tenants not added to this registration is billed to ${target}.`;
  }
  return (
    <section aria-labelledby="unregistered-usage-title" className="mb-6 rounded-lg border border-brand-100 bg-brand-50 px-5 py-4 text-sm text-slate-800">
      <h2 id="unregistered-usage-title" className="font-semibold text-brand-700">
        Where unregistered tenants&apos; usage goes
      </h2>
      <p data-testid="unregistered-usage" className="mt-1">
        {statement}
      </p>
      {registration.billingModel === "PAY_AS_YOU_USE" ? (
        <p className="mt-1 text-slate-600">
          {tenantCount === 0
            ? "No customer tenants are added yet."
            : `${tenantCount} customer tenant${tenantCount === 1 ? " is" : "s are"} billed to their own CSP subscription${tenantCount === 1 ? "" : "s"} instead.`}
        </p>
      ) : null}
    </section>
  );
}

function Row({ label, children, mono = false }: { label: string; children: ReactNode; mono?: boolean }) {
  return (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd className={mono ? "break-all font-mono text-xs" : ""}>{children}</dd>
    </div>
  );
}

export function RegistrationDetails({ registration }: { registration: RegistrationRecord }) {
  const subscription = registration.defaultSubscription;
  return (
    <Card title="Registration">
      <dl className="space-y-3 text-sm">
        <Row label="Registration name" mono>
          {registration.name}
        </Row>
        <Row label="Resource group">{registration.resourceGroup}</Row>
        <Row label="Default subscription">
          {subscription.displayName} <span className="text-xs text-slate-500">({subscription.type})</span>
          <span className="block font-mono text-xs">{registration.subscriptionId}</span>
          {subscription.rollsUpToPartner ? <span className="block text-xs text-slate-500">Rolls up to {subscription.rollsUpToPartner.name}</span> : null}
        </Row>
        <Row label="CloudDeploymentID" mono>
          {registration.cloudDeploymentId}
        </Row>
        <Row label="Region">{registration.stampRegion}</Row>
        <Row label="Billing model">
          <BillingModelBadge model={registration.billingModel} />
          {registration.agreementNumber ? <span className="ml-2 text-xs text-slate-600">agreement {registration.agreementNumber}</span> : null}
        </Row>
        <Row label="Usage reporting">{registration.usageReportingEnabled ? "On" : "Off"}</Row>
        <Row label="Registered by">
          {registration.partner.name} · {formatDate(registration.createdAt)}
        </Row>
        <Row label="ARM resource ID" mono>
          {armResourceId(registration)}
        </Row>
        <Row label="Object ID" mono>
          {registration.objectId}
        </Row>
      </dl>
    </Card>
  );
}
