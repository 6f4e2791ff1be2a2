"use client";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { inviteUserAction } from "@/lib/users/actions";
import type { IssuedInvitation } from "@/lib/users/issue-invitation";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { formValues, useActionForm } from "@/components/ui/use-action-form";
import { InviteLinkNotice } from "./invite-link-notice";
import { ROLE_OPTIONS } from "./role-options";

export function InviteUserForm({ partnerId }: { partnerId: string }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [issued, setIssued] = useState<IssuedInvitation | null>(null);
  const { error, pending, submit, fieldError } = useActionForm(inviteUserAction, (invitation) => {
    setIssued(invitation);
    formRef.current?.reset();
    router.refresh();
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIssued(null);
    submit({ ...formValues(event.currentTarget), partnerId });
  }

  return (
    <div className="space-y-4">
      <form ref={formRef} onSubmit={onSubmit} className="space-y-4" noValidate aria-label="Invite a user">
        <FormError error={error} />
        <TextField label="Name" name="displayName" maxLength={120} autoComplete="off" error={fieldError("displayName")} />
        <TextField label="Email" name="email" type="email" autoComplete="off" error={fieldError("email")} />
        <SelectField label="Role" name="role" defaultValue="SALES_AGENT" options={ROLE_OPTIONS} error={fieldError("role")} />
        <Button type="submit" disabled={pending}>
          {pending ? "Inviting…" : "Create invitation"}
        </Button>
      </form>
      {issued ? <InviteLinkNotice email={issued.email} invitePath={issued.invitePath} expiresAt={issued.expiresAt} onDismiss={() => setIssued(null)} /> : null}
    </div>
  );
}
