"use client";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";

/** The one and only display of a new token's plaintext. */
export function NewApiTokenNotice({ name, token, onDismiss }: { name: string; token: string; onDismiss: () => void }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(token);
      setCopied("yes");
    } catch {
      // Clipboard access can be refused (permissions, plain http): select it for a manual copy.
      inputRef.current?.select();
      setCopied("failed");
    }
  }

  return (
    <div role="status" className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm">
      <p className="font-medium text-amber-900">Token “{name}” created. Copy it now: you won&apos;t see it again.</p>
      <p className="text-amber-900">Stackcenter keeps only a hash of it. If you lose it, revoke it and create a new one.</p>
      <div className="flex flex-wrap items-center gap-2">
        <input
          ref={inputRef}
          readOnly
          value={token}
          aria-label="New API token"
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
      {copied === "failed" ? <p className="text-xs text-amber-900">Couldn&apos;t reach the clipboard: the token is selected, press Ctrl+C.</p> : null}
    </div>
  );
}
