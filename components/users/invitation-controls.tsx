"use client";
import { useState, useTransition } from "react";
import type { ActionError } from "@/lib/actions/action-result";
import { reissueInvitationAction, revokeInvitationAction } from "@/lib/users/actions";
import { Button } from "@/components/ui/button";
import { ConfirmRevokeButton } from "@/components/ui/confirm-revoke-button";
import { useShowIssuedLink } from "./invitations-panel";

/** Re-issue (a new one-time link, shown once above the table; the old one stops working) or revoke a pending invitation. */
export function InvitationControls({ invitationId, email }: { invitationId: string; email: string }) {
  const showIssuedLink = useShowIssuedLink();
  const [error, setError] = useState<ActionError | null>(null);
  const [pending, startTransition] = useTransition();

  function reissue() {
    startTransition(async () => {
      const result = await reissueInvitationAction({ invitationId });
      if (result.ok) {
        setError(null);
        showIssuedLink(result.data);
      } else {
        setError(result.error);
      }
    });
  }

  return (
    <div className="flex flex-wrap items-center justify-end gap-1">
      {/* The accessible name starts with the visible label (WCAG 2.5.3), then says whose. */}
      <Button type="button" variant="ghost" disabled={pending} onClick={reissue} aria-label={`Re-issue link for ${email}`}>
        {pending ? "Re-issuing…" : "Re-issue link"}
      </Button>
      <ConfirmRevokeButton name={`invitation for ${email}`} warning="The link stops working at once." revoke={() => revokeInvitationAction({ invitationId })} />
      {error ? (
        <p role="alert" className="w-full text-right text-xs text-red-700">
          {error.message} ({error.code})
        </p>
      ) : null}
    </div>
  );
}
