"use client";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { formValues, useActionForm } from "@/components/ui/use-action-form";
import { setReconciliationToleranceAction } from "@/lib/reconciliation/actions";

/** Changes the current import's quantity tolerance and classifies it again. */
export function ReconciliationToleranceForm({ period, tolerancePercent }: { period: string; tolerancePercent: string }) {
  const router = useRouter();
  const { error, pending, submit, fieldError } = useActionForm(
    setReconciliationToleranceAction,
    () => router.refresh(),
    () => "Tolerance saved; the lines were classified again.",
  );
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit({ ...formValues(event.currentTarget), period });
  }
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3">
      <div className="w-48">
        <TextField
          label="Quantity tolerance (%)"
          name="tolerancePercent"
          defaultValue={tolerancePercent}
          inputMode="decimal"
          error={fieldError("tolerancePercent")}
        />
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Classifying…" : "Apply"}
      </Button>
      <FormError error={error} />
    </form>
  );
}
