"use client";
// Verifies that a subscription ID is on the registration (the ARM GET), for any ID someone hands
// you: the answer is the tenant it bills, or the seed's CustomerSubscriptionNotFound.
import type { FormEvent } from "react";
import { verifyCustomerTenantAction, type VerifyCustomerTenantResult } from "@/lib/registrations/actions";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { formValues, useActionForm } from "@/components/ui/use-action-form";
import { RegistrationError } from "./registration-error";

function describeVerified(found: VerifyCustomerTenantResult): string {
  return `${found.customerSubscriptionId} is on ${found.registrationName}: ${found.customerName ?? "the"} tenant ${found.tenantId}'s usage is billed to ${found.subscriptionName}.`;
}

export function VerifyTenantForm({ registrationId }: { registrationId: string }) {
  const { error, pending, submit } = useActionForm(verifyCustomerTenantAction, () => undefined, describeVerified);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit({ ...formValues(event.currentTarget), registrationId });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate aria-label="Verify a customer subscription">
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-72 flex-1">
          <TextField label="Subscription ID to verify" name="customerSubscriptionId" placeholder="3f2504e0-4f89-41d3-9a0c-0305e82c3301" autoComplete="off" />
        </div>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Verifying…" : "Verify"}
        </Button>
      </div>
      <RegistrationError error={error} />
    </form>
  );
}
