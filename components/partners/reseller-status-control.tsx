"use client";
import { resumeResellerAction, suspendResellerAction } from "@/lib/partners/actions";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";

export function ResellerStatusControl({ resellerId, name, status }: { resellerId: string; name: string; status: "ACTIVE" | "SUSPENDED" }) {
  return status === "ACTIVE" ? (
    <ConfirmActionButton
      label="Suspend reseller"
      confirmLabel="Confirm suspend"
      pendingLabel="Suspending…"
      warning="Its users are signed out at once and can't sign in. Its customers and data are kept."
      subject={name}
      danger
      run={() => suspendResellerAction({ resellerId })}
    />
  ) : (
    <ConfirmActionButton
      label="Resume reseller"
      confirmLabel="Confirm resume"
      pendingLabel="Resuming…"
      warning="Its users can sign in again."
      subject={name}
      run={() => resumeResellerAction({ resellerId })}
    />
  );
}
