"use client";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { createAlertWebhookAction } from "@/lib/alerts/actions";
import type { CreatedAlertWebhook } from "@/lib/alerts/create-alert-webhook";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { formValues, useActionForm } from "@/components/ui/use-action-form";
import { WebhookSecretNotice } from "./webhook-secret-notice";

/** Adds a webhook, then shows its signing secret once (it lives only in this component's state). */
export function CreateWebhookForm() {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [created, setCreated] = useState<CreatedAlertWebhook | null>(null);
  const { error, pending, submit, fieldError } = useActionForm(createAlertWebhookAction, (webhook) => {
    setCreated(webhook);
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
      <form ref={formRef} onSubmit={onSubmit} className="space-y-4" noValidate aria-label="Add a webhook">
        <FormError error={error} />
        <TextField
          label="Webhook URL"
          name="url"
          type="url"
          maxLength={2000}
          placeholder="https://hooks.example.com/stackcenter"
          hint="Alerts are POSTed here as JSON, signed in the Stackcenter-Signature header."
          error={fieldError("url")}
        />
        <Button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add webhook"}
        </Button>
      </form>
      {created ? <WebhookSecretNotice created={created} onDismiss={() => setCreated(null)} /> : null}
    </div>
  );
}
