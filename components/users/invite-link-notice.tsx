"use client";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";

/** The one and only display of an invitation link (Stackcenter sends no email: the inviter copies it). */
export function InviteLinkNotice({
  email,
  invitePath,
  expiresAt,
  onDismiss,
}: {
  email: string;
  invitePath: string;
  expiresAt: Date;
  onDismiss: () => void;
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  // The portal's address as this admin reaches it. The notice only ever renders in the browser,
  // after a server action returned the link, so window is there.
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  const link = `${origin}${invitePath}`;

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopied("yes");
    } catch {
      inputRef.current?.select();
      setCopied("failed");
    }
  }

  return (
    <div role="status" aria-label="Invitation link" className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm">
      <p className="font-medium text-amber-900">Invitation for {email} created. Copy the link now: you won&apos;t see it again.</p>
      <p className="text-amber-900">
        Send it to them yourself. It works once, until {new Date(expiresAt).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" })};
        if it is lost, re-issue the invitation (the old link stops working).
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <input
          ref={inputRef}
          readOnly
          value={link}
          aria-label="Invitation link to copy"
          data-testid="invite-link"
          onFocus={(event) => event.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-amber-300 bg-white px-3 py-2 font-mono text-xs"
        />
        <Button type="button" variant="secondary" onClick={copy}>
          {copied === "yes" ? "Copied" : "Copy"}
        </Button>
        <Button type="button" variant="ghost" onClick={onDismiss}>
          Done
        </Button>
      </div>
      {copied === "failed" ? <p className="text-xs text-amber-900">Couldn&apos;t reach the clipboard: the link is selected, press Ctrl+C.</p> : null}
    </div>
  );
}
