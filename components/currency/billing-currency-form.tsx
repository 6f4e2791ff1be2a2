"use client";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { setBillingCurrencyAction } from "@/lib/currency/actions";
import { SUPPORTED_CURRENCIES } from "@/lib/currency/supported-currencies";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { formValues, useActionForm } from "@/components/ui/use-action-form";

/** The billing partner's billing currency: a supported ISO 4217 code, or none (each line's pricing currency). */
export function BillingCurrencyForm({ current, marketCurrency }: { current: string | null; marketCurrency: string }) {
  const router = useRouter();
  const form = useActionForm(
    setBillingCurrencyAction,
    () => router.refresh(),
    (data) => (data.billingCurrency ? `Billing currency set to ${data.billingCurrency}.` : "Billing currency cleared."),
  );
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    form.submit(formValues(event.currentTarget));
  }
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label="Billing currency">
      <FormError error={form.error} />
      <SelectField
        label="Billing currency"
        name="billingCurrency"
        defaultValue={current ?? ""}
        placeholder={`Not set: each line in its pricing currency (${marketCurrency})`}
        options={SUPPORTED_CURRENCIES.map((code) => ({ value: code, label: code }))}
        hint="Lines priced in another currency are converted at the month's imported rate."
        error={form.fieldError("billingCurrency")}
      />
      <Button type="submit" disabled={form.pending}>
        {form.pending ? "Saving…" : "Save billing currency"}
      </Button>
    </form>
  );
}
