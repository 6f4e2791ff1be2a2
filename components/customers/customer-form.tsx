"use client";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { createCustomerAction, updateCustomerAction } from "@/lib/customers/actions";
import { Button, ButtonLink } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { formValues, useActionForm } from "@/components/ui/use-action-form";

interface Props {
  countries: { code: string; name: string }[];
  /** Distributors pick the owning reseller; empty for everyone else. */
  resellers: { id: string; name: string }[];
  existing?: { id: string; companyName: string; domain: string; tenantId: string; country: string };
}

export function CustomerForm({ countries, resellers, existing }: Props) {
  const router = useRouter();
  const action = existing ? updateCustomerAction : createCustomerAction;
  const { error, pending, submit, fieldError } = useActionForm(action, ({ id }) => {
    router.push(`/customers/${id}`);
    router.refresh();
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    submit(existing ? { ...values, customerId: existing.id } : values);
  }

  return (
    <form onSubmit={onSubmit} className="max-w-xl space-y-5" noValidate>
      <FormError error={error} />
      <TextField label="Company name" name="companyName" defaultValue={existing?.companyName} error={fieldError("companyName")} required />
      <TextField
        label="Directory domain"
        name="domain"
        defaultValue={existing?.domain}
        disabled={!!existing}
        placeholder="fabrikam.onmicrosoft.com"
        hint={existing ? "A customer's directory can't change." : "The customer's Microsoft Entra directory domain."}
        error={fieldError("domain")}
      />
      <TextField
        label="Directory tenant ID"
        name="tenantId"
        defaultValue={existing?.tenantId}
        disabled={!!existing}
        placeholder="Leave blank to create a new directory"
        hint={existing ? undefined : "For a customer with an existing directory, paste its tenant ID (a GUID)."}
        error={fieldError("tenantId")}
      />
      <SelectField
        label="Country"
        name="country"
        defaultValue={existing?.country ?? ""}
        placeholder="Choose a country"
        options={countries.map((c) => ({ value: c.code, label: c.name }))}
        error={fieldError("country")}
      />
      {!existing && resellers.length > 0 ? (
        <SelectField
          label="Reseller"
          name="ownerPartnerId"
          defaultValue=""
          placeholder="Choose the reseller that owns this customer"
          options={resellers.map((r) => ({ value: r.id, label: r.name }))}
          error={fieldError("ownerPartnerId")}
        />
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : existing ? "Save changes" : "Create customer"}
        </Button>
        <ButtonLink href={existing ? `/customers/${existing.id}` : "/customers"} variant="secondary">
          Cancel
        </ButtonLink>
      </div>
    </form>
  );
}
