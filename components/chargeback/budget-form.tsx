"use client";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { clearCustomerBudgetAction, setCustomerBudgetAction } from "@/lib/chargeback/actions";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { formatMoney } from "@/lib/format/money";
import { FormError } from "@/components/ui/form-error";
import { formValues, useActionForm } from "@/components/ui/use-action-form";

/** Sets or clears a customer's monthly budget (at the customer's prices). */
export function BudgetForm({
  customerId,
  billingCurrency,
  current,
}: {
  customerId: string;
  /** The only currency a budget can be in: the one the customer is billed in. */
  billingCurrency: string;
  current: { monthlyAmount: string; currency: string } | null;
}) {
  const router = useRouter();
  const setForm = useActionForm(
    setCustomerBudgetAction,
    () => router.refresh(),
    () => "Budget saved.",
  );
  const clearForm = useActionForm(
    clearCustomerBudgetAction,
    () => router.refresh(),
    () => "Budget cleared.",
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setForm.submit({ ...formValues(event.currentTarget), customerId });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label="Monthly budget">
      <FormError error={setForm.error ?? clearForm.error} />
      <p className="text-sm text-slate-600">
        {current ? `Budget: ${formatMoney(current.monthlyAmount, current.currency)} a month.` : "No budget set."} The dashboard flags the customer when this
        month is on pace to exceed it.
      </p>
      <div className="grid gap-4 sm:grid-cols-3">
        <div className="sm:col-span-2">
          <TextField
            label="Monthly budget"
            name="monthlyAmount"
            inputMode="decimal"
            defaultValue={current?.monthlyAmount ?? ""}
            placeholder="1500.00"
            error={setForm.fieldError("monthlyAmount")}
          />
        </div>
        <SelectField
          label="Currency"
          name="currency"
          defaultValue={billingCurrency}
          options={[{ value: billingCurrency, label: billingCurrency }]}
          hint="The customer's billing currency."
          error={setForm.fieldError("currency")}
        />
      </div>
      <div className="flex gap-2">
        <Button type="submit" disabled={setForm.pending}>
          {setForm.pending ? "Saving…" : "Save budget"}
        </Button>
        {current ? (
          <Button type="button" variant="secondary" disabled={clearForm.pending} onClick={() => clearForm.submit({ customerId })}>
            Clear budget
          </Button>
        ) : null}
      </div>
    </form>
  );
}
