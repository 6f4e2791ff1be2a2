"use client";
import { useRouter } from "next/navigation";
import { useRef, type FormEvent } from "react";
import { addCspSubscriptionAction } from "@/lib/customers/actions";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { formValues, useActionForm } from "@/components/ui/use-action-form";

export function AddSubscriptionForm({ customerId }: { customerId: string }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const { error, pending, submit, fieldError } = useActionForm(
    addCspSubscriptionAction,
    () => {
      formRef.current?.reset();
      router.refresh();
    },
    () => "Subscription added.",
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit({ ...formValues(event.currentTarget), customerId });
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-4" noValidate aria-label="Add a CSP subscription">
      <FormError error={error} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Subscription name" name="displayName" placeholder="Azure plan" error={fieldError("displayName")} />
        <TextField
          label="Subscription ID (optional)"
          name="subscriptionId"
          placeholder="Assigned automatically"
          hint="Only to record an existing Azure subscription."
          error={fieldError("subscriptionId")}
        />
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add CSP subscription"}
      </Button>
    </form>
  );
}
