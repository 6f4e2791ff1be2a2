"use client";
import { useRouter } from "next/navigation";
import { useState, type ChangeEvent, type FormEvent } from "react";
import { saveBillingSettingsAction } from "@/lib/invoices/actions";
import type { BillingSettingsView } from "@/lib/invoices/get-billing-settings";
import { formatInvoiceNumber } from "@/lib/invoices/format-invoice-number";
import { Button } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/field";
import { FieldMessage } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { formValues, useActionForm } from "@/components/ui/use-action-form";

/** Bill-from details, logo, number format, close grace and default payment terms. */
export function BillingSettingsForm({ current }: { current: BillingSettingsView }) {
  const router = useRouter();
  const [logo, setLogo] = useState<string>("");
  const [format, setFormat] = useState(current.invoiceNumberFormat);
  const form = useActionForm(
    saveBillingSettingsAction,
    () => router.refresh(),
    () => "Invoice settings saved.",
  );
  function onLogo(event: ChangeEvent<HTMLInputElement>) {
    const file = event.currentTarget.files?.[0];
    if (!file) return setLogo("");
    const reader = new FileReader();
    reader.onload = () => setLogo(typeof reader.result === "string" ? reader.result : "");
    reader.readAsDataURL(file);
  }
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    form.submit({ ...values, logo: values.removeLogo === "on" ? "remove" : logo });
  }
  return (
    <form onSubmit={onSubmit} className="max-w-2xl space-y-4" noValidate aria-label="Invoice settings">
      <FormError error={form.error} />
      <TextField label="Legal name" name="legalName" defaultValue={current.legalName} error={form.fieldError("legalName")} />
      <TextAreaField label="Address" name="address" rows={3} defaultValue={current.address} error={form.fieldError("address")} />
      <TextField label="Tax ID" name="taxId" defaultValue={current.taxId} error={form.fieldError("taxId")} />
      <div className="space-y-1.5">
        <label htmlFor="invoice-logo" className="block text-sm font-medium text-slate-800">
          Logo (PNG or JPEG, at most 256 KB)
        </label>
        {current.logoDataUrl ? (
          // eslint-disable-next-line @next/next/no-img-element -- a data URL preview, nothing to optimise
          <img src={current.logoDataUrl} alt="Current logo" className="h-12" />
        ) : null}
        <input id="invoice-logo" type="file" accept="image/png,image/jpeg" onChange={onLogo} className="text-sm" aria-describedby="invoice-logo-error" />
        <FieldMessage id="invoice-logo" error={form.fieldError("logo")} />
        {current.logoDataUrl ? (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="removeLogo" /> Remove the logo
          </label>
        ) : null}
      </div>
      <TextField
        label="Invoice number format"
        name="invoiceNumberFormat"
        value={format}
        onChange={(event) => setFormat(event.currentTarget.value)}
        hint={`{year} and {seq:N} (the number, N digits). Next numbers look like ${formatInvoiceNumber(format, new Date().getUTCFullYear(), 123)}.`}
        error={form.fieldError("invoiceNumberFormat")}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Close grace (days)"
          name="closeGraceDays"
          inputMode="numeric"
          defaultValue={String(current.closeGraceDays)}
          hint="Days after the month's last usage day has closed before the period closes on its own."
          error={form.fieldError("closeGraceDays")}
        />
        <TextField
          label="Default payment terms (days)"
          name="defaultPaymentTermsDays"
          inputMode="numeric"
          defaultValue={String(current.defaultPaymentTermsDays)}
          error={form.fieldError("defaultPaymentTermsDays")}
        />
      </div>
      <Button type="submit" disabled={form.pending}>
        {form.pending ? "Saving…" : "Save settings"}
      </Button>
    </form>
  );
}
