"use client";
import { deactivateUserAction, reactivateUserAction } from "@/lib/users/actions";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";

export function UserActiveControl({ userId, name, active }: { userId: string; name: string; active: boolean }) {
  return active ? (
    <ConfirmActionButton
      label="Deactivate"
      confirmLabel="Confirm deactivate"
      pendingLabel="Deactivating…"
      warning="They are signed out at once and can't sign in; their history stays."
      subject={name}
      danger
      run={() => deactivateUserAction({ userId })}
    />
  ) : (
    <ConfirmActionButton
      label="Reactivate"
      confirmLabel="Confirm reactivate"
      pendingLabel="Reactivating…"
      subject={name}
      run={() => reactivateUserAction({ userId })}
    />
  );
}
