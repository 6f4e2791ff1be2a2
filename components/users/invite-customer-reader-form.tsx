"use client";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { inviteCustomerReaderAction } from "@/lib/users/actions";
import type { IssuedInvitation } from "@/lib/users/issue-invitation";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { formValues, useActionForm } from "@/components/ui/use-action-form";
import { InviteLinkNotice } from "./invite-link-notice";

/** Invites a user of one of the partner's customers: they see that customer's charges at the partner's prices, nothing else. */
export function InviteCustomerReaderForm({ customers }: { customers: { id: string; companyName: string; domain: string }[] }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [issued, setIssued] = useState<IssuedInvitation | null>(null);
  const { error, pending, submit, fieldError } = useActionForm(inviteCustomerReaderAction, (invitation) => {
    setIssued(invitation);
    formRef.current?.reset();
    router.refresh();
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIssued(null);
    submit(formValues(event.currentTarget));
  }

  if (customers.length === 0) return <p className="text-sm text-slate-600">No customers yet: add a customer first, then invite its users.</p>;
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">
        A customer reader signs in to the customer portal and sees only that customer&apos;s cost analysis, statements and invoices at your prices.
      </p>
      <form ref={formRef} onSubmit={onSubmit} className="space-y-4" noValidate aria-label="Invite a customer's user">
        <FormError error={error} />
        <SelectField
          label="Customer"
          name="customerId"
          placeholder="Choose a customer"
          defaultValue=""
          options={customers.map((customer) => ({ value: customer.id, label: `${customer.companyName} (${customer.domain})` }))}
          error={fieldError("customerId")}
        />
        <TextField label="Name" name="displayName" maxLength={120} autoComplete="off" error={fieldError("displayName")} />
        <TextField label="Email" name="email" type="email" autoComplete="off" error={fieldError("email")} />
        <Button type="submit" disabled={pending}>
          {pending ? "Inviting…" : "Invite customer reader"}
        </Button>
      </form>
      {issued ? <InviteLinkNotice email={issued.email} invitePath={issued.invitePath} expiresAt={issued.expiresAt} onDismiss={() => setIssued(null)} /> : null}
    </div>
  );
}
