"use client";
// Adds a customer tenant to a registration (the ARM PUT): pick one of your customers' CSP
// subscriptions, or paste any subscription ID — the service then answers with the seed's codes
// (InvalidCustomerSubscriptionId, InvalidCSPSubscription, BadCustomerSubscriptionId, …). A second
// subscription of a tenant already on the registration replaces the first.
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { addCustomerTenantAction, type AddCustomerTenantResult } from "@/lib/registrations/actions";
import type { AddableCustomerSubscription } from "@/lib/registrations/list-registration-subscription-options";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Combobox } from "@/components/ui/combobox";
import { useActionForm } from "@/components/ui/use-action-form";
import { RegistrationError } from "./registration-error";

function optionNote(option: AddableCustomerSubscription): string {
  return option.currentSubscriptionId === option.id ? " · added" : option.currentSubscriptionId ? " · replaces this tenant's current subscription" : "";
}

export function describeOutcome(result: AddCustomerTenantResult, nameOf: (id: string) => string): string {
  const billed = nameOf(result.customerSubscriptionId);
  if (result.outcome === "unchanged") return `Already added: the tenant's usage is billed to ${billed}. Nothing changed.`;
  if (result.outcome === "replaced" && result.replacedSubscriptionId) {
    return `Replaced: the tenant's usage is now billed to ${billed} instead of ${nameOf(result.replacedSubscriptionId)}.`;
  }
  return `Added: the tenant's usage on this stamp is now billed to ${billed}.`;
}

export function AddTenantForm({ registrationId, options, warning }: { registrationId: string; options: AddableCustomerSubscription[]; warning?: string }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [pasted, setPasted] = useState("");
  // Remounts the picker after a success, clearing what was typed and chosen.
  const [pickerKey, setPickerKey] = useState(0);
  const nameOf = (id: string) => {
    const option = options.find((candidate) => candidate.id === id);
    return option ? `${option.customerName} — ${option.displayName}` : id;
  };
  const { error, pending, submit, fieldError } = useActionForm(
    addCustomerTenantAction,
    () => {
      setPasted("");
      setPickerKey((key) => key + 1);
      formRef.current?.reset();
      router.refresh();
    },
    (result) => describeOutcome(result, nameOf),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const chosen = String(new FormData(event.currentTarget).get("chosenSubscriptionId") ?? "");
    // A pasted ID wins over the list, so any subscription can be tried (and explained if refused).
    submit({ registrationId, customerSubscriptionId: pasted.trim() || chosen });
  }

  // The service puts its whole message on the field too; the alert above already shows it.
  const rawFieldError = fieldError("customerSubscriptionId");
  const subscriptionError = rawFieldError && rawFieldError === error?.message ? `Refused: ${error.code}` : rawFieldError;
  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-4" noValidate aria-label="Add a customer tenant">
      {warning ? <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{warning}</p> : null}
      <RegistrationError error={error} />
      <div className="grid gap-4 md:grid-cols-2">
        <Combobox
          key={pickerKey}
          label="Customer subscription"
          name="chosenSubscriptionId"
          placeholder={options.length === 0 ? "No eligible customer subscriptions" : "Type a company, subscription name or ID"}
          options={options.map((option) => ({
            value: option.id,
            label: `${option.customerName} — ${option.displayName}`,
            detail: `${option.id}${optionNote(option)}`,
          }))}
          hint="Your customers' active CSP subscriptions that roll up to this registration's CSP partner."
          error={pasted.trim() ? undefined : subscriptionError}
        />
        <TextField
          label="Or paste a subscription ID"
          name="pastedSubscriptionId"
          value={pasted}
          onChange={(event) => setPasted(event.target.value)}
          placeholder="3f2504e0-4f89-41d3-9a0c-0305e82c3301"
          autoComplete="off"
          hint="Used instead of the list when filled in."
          error={pasted.trim() ? subscriptionError : undefined}
        />
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add tenant"}
      </Button>
    </form>
  );
}
