"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { deleteAlertWebhookAction, rotateAlertWebhookSecretAction, sendTestAlertWebhookAction, setAlertWebhookActiveAction } from "@/lib/alerts/actions";
import type { ActionError } from "@/lib/actions/action-result";
import type { CreatedAlertWebhook } from "@/lib/alerts/create-alert-webhook";
import { Button } from "@/components/ui/button";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { WebhookSecretNotice } from "./webhook-secret-notice";

/** Test, disable/enable, rotate the secret (shown once) and delete one webhook. */
export function WebhookRowActions({ webhookId, url, active }: { webhookId: string; url: string; active: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<ActionError | null>(null);
  const [testResult, setTestResult] = useState<string | null>(null);
  const [rotated, setRotated] = useState<CreatedAlertWebhook | null>(null);

  function sendTest() {
    startTransition(async () => {
      setTestResult(null);
      const result = await sendTestAlertWebhookAction({ webhookId });
      if (!result.ok) return setError(result.error);
      setError(null);
      setTestResult(result.data.statusCode !== null ? `Test event answered HTTP ${result.data.statusCode}.` : `Test event failed: ${result.data.error}`);
    });
  }
  function toggle() {
    startTransition(async () => {
      const result = await setAlertWebhookActiveAction({ webhookId, active: !active });
      if (!result.ok) return setError(result.error);
      setError(null);
      router.refresh();
    });
  }
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center justify-end gap-2">
        <Button type="button" variant="secondary" disabled={pending} onClick={sendTest} aria-label={`Send a test event to ${url}`}>
          Send test
        </Button>
        <Button type="button" variant="ghost" disabled={pending} onClick={toggle} aria-label={`${active ? "Disable" : "Enable"} ${url}`}>
          {active ? "Disable" : "Enable"}
        </Button>
        <ConfirmActionButton
          label="Rotate secret"
          confirmLabel="Rotate"
          pendingLabel="Rotating…"
          warning="The old secret stops working at once."
          subject={url}
          run={async () => {
            const result = await rotateAlertWebhookSecretAction({ webhookId });
            if (result.ok) setRotated(result.data);
            return result;
          }}
        />
        <ConfirmActionButton
          label="Delete"
          confirmLabel="Delete webhook"
          pendingLabel="Deleting…"
          warning="Its delivery log goes too."
          subject={url}
          danger
          run={() => deleteAlertWebhookAction({ webhookId })}
        />
      </div>
      {testResult ? (
        <p role="status" className="text-right text-xs text-slate-700">
          {testResult}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="text-right text-xs text-red-700">
          {error.message} <span className="text-red-600">({error.code})</span>
        </p>
      ) : null}
      {rotated ? <WebhookSecretNotice created={rotated} onDismiss={() => setRotated(null)} /> : null}
    </div>
  );
}
