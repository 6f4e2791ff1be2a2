"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionError } from "@/lib/actions/action-result";
import { reissueInvitationAction, revokeInvitationAction } from "@/lib/users/actions";
import type { IssuedInvitation } from "@/lib/users/issue-invitation";
import { Button } from "@/components/ui/button";
import { ConfirmRevokeButton } from "@/components/ui/confirm-revoke-button";
import { InviteLinkNotice } from "./invite-link-notice";

/** Re-issue (a new one-time link, shown once; the old one stops working) or revoke a pending invitation. */
export function InvitationControls({ invitationId, email }: { invitationId: string; email: string }) {
  const router = useRouter();
  const [issued, setIssued] = useState<IssuedInvitation | null>(null);
  const [error, setError] = useState<ActionError | null>(null);
  const [pending, startTransition] = useTransition();

  function reissue() {
    startTransition(async () => {
      const result = await reissueInvitationAction({ invitationId });
      if (result.ok) {
        setError(null);
        setIssued(result.data);
      } else {
        setError(result.error);
      }
    });
  }

  if (issued) {
    return (
      <div className="text-left">
        <InviteLinkNotice
          email={issued.email}
          invitePath={issued.invitePath}
          expiresAt={issued.expiresAt}
          onDismiss={() => {
            setIssued(null);
            router.refresh();
          }}
        />
      </div>
    );
  }
  return (
    <div className="flex flex-wrap items-center justify-end gap-1">
      <Button type="button" variant="ghost" disabled={pending} onClick={reissue} aria-label={`Re-issue invitation for ${email}`}>
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
