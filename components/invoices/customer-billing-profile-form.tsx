"use client";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { saveCustomerBillingProfileAction } from "@/lib/invoices/actions";
import type { CustomerBillingProfileView } from "@/lib/invoices/get-customer-billing-profile";
import { Button } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { formValues, useActionForm } from "@/components/ui/use-action-form";

/** Bill-to details, tax, payment terms and billing contacts of one customer. */
export function CustomerBillingProfileForm({ profile }: { profile: CustomerBillingProfileView }) {
  const router = useRouter();
  const form = useActionForm(
    saveCustomerBillingProfileAction,
    () => router.refresh(),
    () => "Billing profile saved.",
  );
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    form.submit({
      ...values,
      customerId: profile.customerId,
      reverseCharge: values.reverseCharge === "on",
      billingEmails: values.billingEmails
        .split(/[,;\s]+/)
        .map((email) => email.trim())
        .filter(Boolean),
    });
  }
  const emailError = Object.entries(form.error?.fields ?? {}).find(([key]) => key.startsWith("billingEmails"))?.[1];
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label="Billing profile">
      <FormError error={form.error} />
      <TextField label="Legal name" name="legalName" defaultValue={profile.legalName} error={form.fieldError("legalName")} />
      <TextAreaField label="Address" name="address" rows={3} defaultValue={profile.address} error={form.fieldError("address")} />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField label="Tax ID" name="taxId" defaultValue={profile.taxId} error={form.fieldError("taxId")} />
        <TextField
          label="Tax rate (%)"
          name="taxRatePercent"
          inputMode="decimal"
          defaultValue={profile.taxRatePercent}
          error={form.fieldError("taxRatePercent")}
        />
        <TextField
          label="Payment terms (days)"
          name="paymentTermsDays"
          inputMode="numeric"
          defaultValue={profile.paymentTermsDays === null ? "" : String(profile.paymentTermsDays)}
          hint="Empty: your default terms."
          error={form.fieldError("paymentTermsDays")}
        />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="reverseCharge" defaultChecked={profile.reverseCharge} /> Reverse charge (no tax; the invoice carries the reverse-charge
        note)
      </label>
      <TextField
        label="Billing contacts"
        name="billingEmails"
        defaultValue={profile.billingEmails.join(", ")}
        hint="E-mail addresses invoices are sent to, separated by commas."
        error={emailError}
      />
      <Button type="submit" disabled={form.pending}>
        {form.pending ? "Saving…" : "Save billing profile"}
      </Button>
    </form>
  );
}
