"use client";
import type { ActionResult } from "@/lib/actions/action-result";
import { ConfirmActionButton } from "./confirm-action-button";

/** Revoke (a token, a key, an invitation) with an inline confirmation step. */
export function ConfirmRevokeButton({ name, warning, revoke }: { name: string; warning?: string; revoke: () => Promise<ActionResult<unknown>> }) {
  return (
    <ConfirmActionButton
      label="Revoke"
      confirmLabel="Confirm revoke"
      pendingLabel="Revoking…"
      warning={warning}
      subject={name}
      confirmingName={`Confirm revoking ${name}`}
      danger
      run={revoke}
    />
  );
}
