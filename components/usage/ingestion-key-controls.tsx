"use client";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { createIngestionKeyAction, revokeIngestionKeyAction } from "@/lib/usage/ingestion-keys/actions";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { ConfirmRevokeButton } from "@/components/ui/confirm-revoke-button";
import { OneTimeSecretNotice } from "@/components/ui/one-time-secret-notice";
import { formValues, useActionForm } from "@/components/ui/use-action-form";

/** Creates a key and shows its plaintext once: it lives only in this component's state. */
export function CreateIngestionKeyForm({ registrationId }: { registrationId: string }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const { error, pending, submit, fieldError } = useActionForm(createIngestionKeyAction, (data) => {
    setCreated({ name: data.name, key: data.key });
    formRef.current?.reset();
    router.refresh();
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreated(null);
    submit({ ...formValues(event.currentTarget), registrationId });
  }

  return (
    <div className="space-y-4">
      <form ref={formRef} onSubmit={onSubmit} className="space-y-3" noValidate aria-label="Create an ingestion key">
        <FormError error={error} />
        <TextField label="Key name" name="name" maxLength={80} placeholder="e.g. collector on ops-vm-01" error={fieldError("name")} />
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create ingestion key"}
        </Button>
      </form>
      {created ? (
        <OneTimeSecretNotice
          heading={<>Key “{created.name}” created. Copy it now: you won&apos;t see it again.</>}
          value={created.key}
          valueLabel="New ingestion key"
          noun="key"
          onDismiss={() => setCreated(null)}
        />
      ) : null}
    </div>
  );
}

/** Revoke with an inline confirmation; the collector using the key is refused (401) from its next batch. */
export function RevokeIngestionKeyButton({ registrationId, keyId, name }: { registrationId: string; keyId: string; name: string }) {
  return (
    <ConfirmRevokeButton
      name={name}
      warning="The collector using it is refused from its next batch."
      revoke={() => revokeIngestionKeyAction({ registrationId, keyId })}
    />
  );
}
