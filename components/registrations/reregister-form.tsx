"use client";
// Re-registers a stamp: billing model (the only way between Pay-as-you-use and Capacity), usage
// reporting and stamp details. The ARM identity (subscription, resource group, name,
// CloudDeploymentID) can't change: a different one is a new registration.
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import type { BillingModel } from "@/generated/prisma/enums";
import { reregisterAction } from "@/lib/registrations/actions";
import { Button, ButtonLink } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { formValues, useActionForm } from "@/components/ui/use-action-form";
import { BillingModelFields } from "./billing-model-fields";
import { RegistrationError } from "./registration-error";

interface Props {
  registration: {
    id: string;
    stampName: string;
    stampRegion: string;
    billingModel: BillingModel;
    agreementNumber: string | null;
    usageReportingEnabled: boolean;
  };
  tenantCount: number;
}

export function ReregisterForm({ registration, tenantCount }: Props) {
  const router = useRouter();
  const { error, pending, submit, fieldError } = useActionForm(reregisterAction, ({ id }) => {
    router.push(`/registrations/${id}`);
    router.refresh();
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit({ ...formValues(event.currentTarget), registrationId: registration.id });
  }

  // Said before submitting: the service refuses Capacity while tenants are added.
  const capacityWarning =
    registration.billingModel !== "CAPACITY" && tenantCount > 0
      ? `This registration has ${tenantCount} customer tenant${tenantCount === 1 ? "" : "s"}. Remove them first: Capacity registrations can't bill usage to customer subscriptions.`
      : undefined;

  return (
    <form onSubmit={onSubmit} className="max-w-3xl space-y-5" noValidate aria-label="Re-register">
      <RegistrationError error={error} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Stamp name" name="stampName" defaultValue={registration.stampName} error={fieldError("stampName")} />
        <TextField label="Region" name="stampRegion" defaultValue={registration.stampRegion} error={fieldError("stampRegion")} />
      </div>
      <BillingModelFields
        defaultModel={registration.billingModel}
        defaultAgreementNumber={registration.agreementNumber}
        defaultUsageReporting={registration.usageReportingEnabled}
        fieldError={fieldError}
        capacityWarning={capacityWarning}
      />
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Re-registering…" : "Re-register"}
        </Button>
        <ButtonLink href={`/registrations/${registration.id}`} variant="secondary">
          Cancel
        </ButtonLink>
      </div>
    </form>
  );
}
