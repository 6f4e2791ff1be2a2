"use client";
// Adds this customer's tenant to one of the partner's registrations, from the customer's page.
// Same action as on the registration page; a second subscription of the tenant replaces the first.
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { addCustomerTenantAction } from "@/lib/registrations/actions";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { formValues, useActionForm } from "@/components/ui/use-action-form";
import { describeOutcome } from "./add-tenant-form";
import { RegistrationError } from "./registration-error";

interface Option {
  id: string;
  label: string;
}

export function CustomerAddToRegistrationForm({
  registrations,
  subscriptions,
  notOffered,
}: {
  registrations: Option[];
  subscriptions: Option[];
  /** Registrations left out: not approved for multi-tenancy yet, or Capacity. */
  notOffered: number;
}) {
  const router = useRouter();
  const nameOf = (id: string) => subscriptions.find((option) => option.id === id)?.label ?? id;
  const { error, pending, submit, fieldError } = useActionForm(
    addCustomerTenantAction,
    () => router.refresh(),
    (result) => describeOutcome(result, nameOf),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit(formValues(event.currentTarget));
  }

  if (registrations.length === 0) {
    return (
      <p className="text-sm text-slate-600">
        No registration can take tenants yet: a registration must use Pay-as-you-use and be approved for multi-tenancy.
        {notOffered > 0 ? ` You have ${notOffered} that ${notOffered === 1 ? "doesn't" : "don't"} qualify yet.` : ""}
      </p>
    );
  }
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label="Add to registration">
      <RegistrationError error={error} />
      <div className="grid gap-4 md:grid-cols-2">
        <SelectField
          label="Registration"
          name="registrationId"
          defaultValue=""
          placeholder="Choose a registration"
          options={registrations.map((option) => ({ value: option.id, label: option.label }))}
          hint={notOffered > 0 ? `${notOffered} more not listed: not approved for multi-tenancy yet, or Capacity.` : undefined}
          error={fieldError("registrationId")}
        />
        <SelectField
          label="Bill usage to"
          name="customerSubscriptionId"
          defaultValue={subscriptions.length === 1 ? subscriptions[0].id : ""}
          placeholder={subscriptions.length === 0 ? "This customer has no active CSP subscription" : "Choose one of this customer's CSP subscriptions"}
          options={subscriptions.map((option) => ({ value: option.id, label: option.label }))}
          error={fieldError("customerSubscriptionId")}
        />
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add to registration"}
      </Button>
    </form>
  );
}
