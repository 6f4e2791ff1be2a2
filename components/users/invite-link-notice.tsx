"use client";
import { OneTimeSecretNotice } from "@/components/ui/one-time-secret-notice";
import { formatDate } from "@/lib/format/dates";

/** The one and only display of an invitation link (Stackcenter sends no email: the inviter copies it). */
export function InviteLinkNotice({ email, invitePath, expiresAt, onDismiss }: { email: string; invitePath: string; expiresAt: Date; onDismiss: () => void }) {
  // The portal's address as this admin reaches it. The notice only ever renders in the browser,
  // after a server action returned the link, so window is there.
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  const expires = formatDate(expiresAt);
  return (
    <OneTimeSecretNotice
      heading={<>Invitation for {email} created. Copy the link now: you won&apos;t see it again.</>}
      explanation={`Send it to them yourself. It works once, until ${expires}; if it is lost, re-issue the invitation (the old link stops working).`}
      value={`${origin}${invitePath}`}
      valueLabel="Invitation link to copy"
      noun="link"
      statusLabel="Invitation link"
      testId="invite-link"
      onDismiss={onDismiss}
    />
  );
}
