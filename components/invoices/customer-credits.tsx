"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createCustomerCreditAction, revokeCustomerCreditAction } from "@/lib/invoices/actions";
import type { CustomerCreditRow } from "@/lib/invoices/list-customer-credits";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { formValues, useActionForm } from "@/components/ui/use-action-form";

const KINDS = [
  { value: "ONE_TIME_CREDIT", label: "One-time credit" },
  { value: "RECURRING_CREDIT", label: "Recurring monthly credit" },
  { value: "PERCENT_DISCOUNT", label: "Percentage discount for N months" },
  { value: "MINIMUM_FEE", label: "Minimum monthly fee" },
];
const label = (kind: string) => KINDS.find((entry) => entry.value === kind)?.label ?? kind;

/** A customer's credits and fees: the list (revoke) and a form for a new one. */
export function CustomerCredits({
  customerId,
  credits,
  firstOpenPeriod,
  currency,
}: {
  customerId: string;
  credits: CustomerCreditRow[];
  firstOpenPeriod: string;
  currency: string;
}) {
  const router = useRouter();
  const [kind, setKind] = useState("ONE_TIME_CREDIT");
  const form = useActionForm(
    createCustomerCreditAction,
    () => router.refresh(),
    () => "Saved: it applies from its first period at each close.",
  );
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    form.submit({ ...formValues(event.currentTarget), customerId });
  }
  return (
    <div className="space-y-6">
      {credits.length ? (
        <table className="w-full text-sm" data-testid="customer-credits">
          <thead className="text-left text-xs uppercase text-slate-500">
            <tr>
              <th className="py-2 pr-4">Kind</th>
              <th className="py-2 pr-4">Invoice line</th>
              <th className="py-2 pr-4 text-right">Value</th>
              <th className="py-2 pr-4">From</th>
              <th className="py-2" />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {credits.map((credit) => (
              <tr key={credit.id}>
                <td className="py-2 pr-4">{label(credit.kind)}</td>
                <td className="py-2 pr-4">{credit.description}</td>
                <td className="py-2 pr-4 text-right tabular-nums">
                  {credit.percent ? `${credit.percent} % for ${credit.months} months` : `${currency} ${credit.amount}`}
                  {credit.months && !credit.percent ? ` for ${credit.months} months` : ""}
                </td>
                <td className="py-2 pr-4">{credit.startPeriod}</td>
                <td className="py-2 text-right">
                  {credit.revoked ? (
                    <span className="text-xs text-slate-500">Ended</span>
                  ) : (
                    <ConfirmActionButton
                      label="End"
                      confirmLabel="End it"
                      pendingLabel="Ending…"
                      subject={credit.description}
                      warning="Later closes no longer apply it; issued invoices keep their lines."
                      run={() => revokeCustomerCreditAction({ creditId: credit.id })}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="text-sm text-slate-600">No credits or fees.</p>
      )}
      <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label="New credit or fee">
        <FormError error={form.error} />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label="Kind"
            name="kind"
            value={kind}
            onChange={(event) => setKind(event.currentTarget.value)}
            options={KINDS}
            error={form.fieldError("kind")}
          />
          <TextField label="Invoice line text" name="description" error={form.fieldError("description")} />
          {kind === "PERCENT_DISCOUNT" ? (
            <TextField label="Discount (%)" name="percent" inputMode="decimal" error={form.fieldError("percent")} />
          ) : (
            <TextField label={`Amount (${currency})`} name="amount" inputMode="decimal" error={form.fieldError("amount")} />
          )}
          <TextField
            label="Months"
            name="months"
            inputMode="numeric"
            hint={kind === "PERCENT_DISCOUNT" ? "How many periods it applies to." : "Empty: until ended."}
            error={form.fieldError("months")}
          />
          <TextField
            label="First period"
            name="startPeriod"
            defaultValue={firstOpenPeriod}
            hint="YYYY-MM, an open period."
            error={form.fieldError("startPeriod")}
          />
        </div>
        <Button type="submit" disabled={form.pending}>
          {form.pending ? "Saving…" : "Add"}
        </Button>
      </form>
    </div>
  );
}
