"use client";
import type { CreatedAlertWebhook } from "@/lib/alerts/create-alert-webhook";
import { OneTimeSecretNotice } from "@/components/ui/one-time-secret-notice";

export function WebhookSecretNotice({ created, onDismiss }: { created: CreatedAlertWebhook; onDismiss: () => void }) {
  return (
    <OneTimeSecretNotice
      heading={<>Signing secret of {created.url}</>}
      explanation="Copy it now: it is shown only once. Your receiver checks each request's Stackcenter-Signature with it."
      value={created.secret}
      valueLabel="Webhook signing secret"
      noun="secret"
      statusLabel="New webhook signing secret"
      testId="webhook-secret"
      onDismiss={onDismiss}
    />
  );
}
