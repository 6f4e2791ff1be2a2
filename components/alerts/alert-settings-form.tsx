"use client";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { saveAlertSettingsAction } from "@/lib/alerts/actions";
import type { AlertSettingsView } from "@/lib/alerts/get-alert-settings";
import { Button } from "@/components/ui/button";
import { FieldMessage, TextField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { formValues, useActionForm } from "@/components/ui/use-action-form";

function Switch({ name, label, defaultChecked, hint }: { name: string; label: string; defaultChecked: boolean; hint?: string }) {
  return (
    <label className="flex items-start gap-2 text-sm">
      <input type="checkbox" name={name} defaultChecked={defaultChecked} className="mt-0.5" />
      <span>
        {label}
        {hint ? <span className="block text-xs text-slate-500">{hint}</span> : null}
      </span>
    </label>
  );
}

/** Budget thresholds (actual / forecast), anomaly parameters, e-mail and customer users. */
export function AlertSettingsForm({ current }: { current: AlertSettingsView }) {
  const router = useRouter();
  const form = useActionForm(
    saveAlertSettingsAction,
    () => router.refresh(),
    () => "Alert settings saved.",
  );
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    form.submit(formValues(event.currentTarget));
  }
  const currency = current.currency ?? "the customer's statement currency";
  return (
    <form onSubmit={onSubmit} className="max-w-2xl space-y-6" noValidate aria-label="Alert settings">
      <FormError error={form.error} />
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-900">Budget alerts</legend>
        <TextField
          label="Thresholds (% of the monthly budget)"
          name="budgetThresholds"
          defaultValue={current.budgetThresholds.join(", ")}
          hint="Comma-separated, e.g. 50, 90, 100. Each fires once per month and measure. Leave empty for no budget alerts."
          error={form.fieldError("budgetThresholds")}
        />
        <div className="space-y-2">
          <Switch name="budgetOnActual" label="On the month to date (actual)" defaultChecked={current.budgetOnActual} />
          <Switch
            name="budgetOnForecast"
            label="On the month-end forecast"
            defaultChecked={current.budgetOnForecast}
            hint="Month to date ÷ elapsed days × days in the month."
          />
          <FieldMessage id="budgetOnActual" error={form.fieldError("budgetOnActual")} />
        </div>
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-900">Anomaly alerts</legend>
        <p className="text-xs text-slate-500">
          A customer&apos;s day is an anomaly when its charges are above k × the median of the baseline days before it and at least the minimum amount.
        </p>
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField label="Factor k" name="anomalyFactor" inputMode="decimal" defaultValue={current.anomalyFactor} error={form.fieldError("anomalyFactor")} />
          <TextField
            label="Baseline days"
            name="anomalyBaselineDays"
            inputMode="numeric"
            defaultValue={String(current.anomalyBaselineDays)}
            error={form.fieldError("anomalyBaselineDays")}
          />
          <TextField
            label={`Minimum amount (${current.currency ?? "statement currency"})`}
            name="anomalyMinimumAmount"
            inputMode="decimal"
            defaultValue={current.anomalyMinimumAmount}
            hint={`In ${currency}.`}
            error={form.fieldError("anomalyMinimumAmount")}
          />
        </div>
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="text-sm font-semibold text-slate-900">Delivery</legend>
        <Switch
          name="emailEnabled"
          label="E-mail each new alert"
          defaultChecked={current.emailEnabled}
          hint="To your admin agents and billing admins, over the SMTP server invoices use. The in-app notification and webhooks go regardless."
        />
        <Switch
          name="notifyCustomerUsers"
          label="Also notify the customer's users"
          defaultChecked={current.notifyCustomerUsers}
          hint="Alerts about a customer also go to that customer's own portal users."
        />
      </fieldset>
      <Button type="submit" disabled={form.pending}>
        {form.pending ? "Saving…" : "Save alert settings"}
      </Button>
    </form>
  );
}
