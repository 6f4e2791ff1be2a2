"use client";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { createApiTokenAction } from "@/lib/api-tokens/actions";
import type { CreatedApiToken } from "@/lib/api-tokens/create-api-token";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { formValues, useActionForm } from "@/components/ui/use-action-form";
import { NewApiTokenNotice } from "./new-api-token-notice";

/** Names and creates a token, then shows its plaintext once (it lives only in this component's state). */
export function CreateApiTokenForm() {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const { error, pending, submit, fieldError } = useActionForm(createApiTokenAction, (token) => {
    setCreated(token);
    formRef.current?.reset();
    router.refresh();
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreated(null);
    submit(formValues(event.currentTarget));
  }

  return (
    <div className="space-y-4">
      <form ref={formRef} onSubmit={onSubmit} className="space-y-4" noValidate aria-label="Create an API token">
        <FormError error={error} />
        <TextField
          label="Token name"
          name="name"
          maxLength={80}
          placeholder="e.g. NWD-CHI-01 registration script"
          hint="Say where it will be used, so you know what breaks when you revoke it."
          error={fieldError("name")}
        />
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create token"}
        </Button>
      </form>
      {created ? <NewApiTokenNotice name={created.name} token={created.token} onDismiss={() => setCreated(null)} /> : null}
    </div>
  );
}
