"use client";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { reviewReconciliationAction } from "@/lib/reconciliation/actions";

export function ReconciliationReviewButton({ period }: { period: string }) {
  return (
    <ConfirmActionButton
      label="Mark reviewed"
      confirmLabel="Yes, mark reviewed"
      pendingLabel="Saving…"
      warning={`Records that you reviewed the reconciliation of ${period}.`}
      subject={`the reconciliation of ${period}`}
      run={() => reviewReconciliationAction({ period })}
    />
  );
}
