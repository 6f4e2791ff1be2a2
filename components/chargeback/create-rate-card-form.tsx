"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createRateCardAction } from "@/lib/chargeback/actions";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { formValues, useActionForm } from "@/components/ui/use-action-form";

type Option = { value: string; label: string };

/** Creates a card for a subject: the default card, one of a distributor's resellers, or one customer. */
export function CreateRateCardForm({ resellers, customers }: { resellers: Option[] | null; customers: Option[] }) {
  const router = useRouter();
  const [level, setLevel] = useState("DEFAULT");
  const { error, pending, submit, fieldError } = useActionForm(createRateCardAction, (data) => router.push(`/chargeback/rate-cards/${data.id}`));
  const levels: Option[] = [
    { value: "DEFAULT", label: "Default (all customers)" },
    ...(resellers ? [{ value: "RESELLER", label: "A reseller's customers" }] : []),
    { value: "CUSTOMER", label: "One customer (override)" },
  ];

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit(formValues(event.currentTarget));
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label="New rate card">
      <FormError error={error} />
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField label="Applies to" name="level" options={levels} value={level} onChange={(e) => setLevel(e.target.value)} error={fieldError("level")} />
        {level === "RESELLER" && resellers ? (
          <SelectField label="Reseller" name="resellerId" placeholder="Choose…" options={resellers} error={fieldError("resellerId")} />
        ) : null}
        {level === "CUSTOMER" ? (
          <SelectField label="Customer" name="customerId" placeholder="Choose…" options={customers} error={fieldError("customerId")} />
        ) : null}
        <TextField label="Name (optional)" name="name" error={fieldError("name")} />
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create rate card"}
      </Button>
    </form>
  );
}
