"use client";
// Holds a re-issued invitation link above the invitations table. Re-issuing replaces the row (the
// old invitation is revoked, a new one created), so the link can't live in the row's own state:
// the refreshed list would unmount it before anyone could copy it.
import { createContext, useContext, useState, type ReactNode } from "react";
import type { IssuedInvitation } from "@/lib/users/issue-invitation";
import { InviteLinkNotice } from "./invite-link-notice";

const IssuedLinkContext = createContext<(issued: IssuedInvitation) => void>(() => undefined);

export function useShowIssuedLink(): (issued: IssuedInvitation) => void {
  return useContext(IssuedLinkContext);
}

export function InvitationsPanel({ children }: { children: ReactNode }) {
  const [issued, setIssued] = useState<IssuedInvitation | null>(null);
  return (
    <IssuedLinkContext.Provider value={setIssued}>
      {issued ? (
        <div className="mb-4">
          <InviteLinkNotice email={issued.email} invitePath={issued.invitePath} expiresAt={issued.expiresAt} onDismiss={() => setIssued(null)} />
        </div>
      ) : null}
      {children}
    </IssuedLinkContext.Provider>
  );
}
