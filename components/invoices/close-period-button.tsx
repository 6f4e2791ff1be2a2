"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { closePeriodAction } from "@/lib/periods/actions";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { formValues, useActionForm } from "@/components/ui/use-action-form";

/** An admin's explicit close of an ended period, with a confirm step: type the period again. */
export function ClosePeriodButton({ period }: { period: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const form = useActionForm(
    closePeriodAction,
    () => {
      setConfirming(false);
      router.refresh();
    },
    (data) => `${period} closed: ${data.invoiceCount} invoice${data.invoiceCount === 1 ? "" : "s"} issued.`,
  );
  if (!confirming) {
    return (
      <Button type="button" variant="secondary" onClick={() => setConfirming(true)} data-testid={`close-period-${period}`}>
        Close {period}…
      </Button>
    );
  }
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    form.submit({ ...formValues(event.currentTarget), period });
  }
  return (
    <form onSubmit={onSubmit} className="space-y-2 text-left" noValidate aria-label={`Close ${period}`}>
      <FormError error={form.error} />
      <p className="max-w-xs text-xs text-slate-600">
        Closing freezes {period}&apos;s recon file and issues every customer&apos;s numbered invoice. It can&apos;t be undone: later corrections become
        adjustment lines on the next invoice.
      </p>
      <TextField label={`Type ${period} to confirm`} name="confirm" autoComplete="off" error={form.fieldError("confirm")} />
      <div className="flex gap-2">
        <Button type="submit" disabled={form.pending} data-testid="confirm-close-period">
          {form.pending ? "Closing…" : "Close period"}
        </Button>
        <Button type="button" variant="ghost" onClick={() => setConfirming(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
