"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { onboardResellerAction } from "@/lib/partners/actions";
import type { IssuedInvitation } from "@/lib/users/issue-invitation";
import { Button, ButtonLink } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { formValues, useActionForm } from "@/components/ui/use-action-form";
import { InviteLinkNotice } from "@/components/users/invite-link-notice";

type Onboarded = { resellerId: string; name: string; invitation: IssuedInvitation };

export function OnboardResellerForm({ countries }: { countries: { code: string; name: string }[] }) {
  const router = useRouter();
  const [onboarded, setOnboarded] = useState<Onboarded | null>(null);
  const { error, pending, submit, fieldError } = useActionForm(onboardResellerAction, (result) => {
    setOnboarded(result);
    router.refresh();
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit(formValues(event.currentTarget));
  }

  if (onboarded) {
    return (
      <div className="max-w-2xl space-y-4">
        <p className="text-sm text-slate-700">
          <span className="font-medium">{onboarded.name}</span> is onboarded. Its first admin agent signs in through this link.
        </p>
        <InviteLinkNotice
          email={onboarded.invitation.email}
          invitePath={onboarded.invitation.invitePath}
          expiresAt={onboarded.invitation.expiresAt}
          onDismiss={() => router.push(`/partners/${onboarded.resellerId}`)}
        />
        <Link href={`/partners/${onboarded.resellerId}`} className="text-sm font-medium text-brand-600 hover:underline">
          Go to {onboarded.name} →
        </Link>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} className="max-w-xl space-y-5" noValidate aria-label="Onboard a reseller">
      <FormError error={error} />
      <TextField label="Reseller name" name="name" maxLength={120} error={fieldError("name")} />
      <TextField
        label="MPN ID"
        name="mpnId"
        inputMode="numeric"
        maxLength={7}
        placeholder="e.g. 5120934"
        hint="The reseller's 7-digit Partner ID (MPN ID) from Partner Center."
        error={fieldError("mpnId")}
      />
      <SelectField
        label="Country"
        name="country"
        defaultValue=""
        placeholder="Choose a country"
        options={countries.map((c) => ({ value: c.code, label: c.name }))}
        error={fieldError("country")}
      />
      <fieldset className="space-y-4 rounded-md border border-slate-200 p-4">
        <legend className="px-1 text-sm font-medium text-slate-800">First admin agent</legend>
        <TextField label="Admin name" name="adminName" maxLength={120} autoComplete="off" error={fieldError("adminName")} />
        <TextField
          label="Admin email"
          name="adminEmail"
          type="email"
          autoComplete="off"
          hint="They get a one-time link to set their password; you copy it to them."
          error={fieldError("adminEmail")}
        />
      </fieldset>
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Onboarding…" : "Onboard reseller"}
        </Button>
        <ButtonLink href="/partners" variant="secondary">
          Cancel
        </ButtonLink>
      </div>
    </form>
  );
}
