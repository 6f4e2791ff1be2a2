"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/action-result";
import { Button } from "./button";

/**
 * Revoke with an inline confirmation step (no window.confirm: it can't be styled or tested
 * reliably). `revoke` runs the server action; the page refreshes on success, the error shows inline.
 */
export function ConfirmRevokeButton({
  name,
  warning,
  revoke,
}: {
  name: string;
  warning?: string;
  revoke: () => Promise<ActionResult<unknown>>;
}) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function confirm() {
    startTransition(async () => {
      const result = await revoke();
      if (result.ok) {
        setConfirming(false);
        setError(null);
        router.refresh();
      } else {
        setError(result.error.message);
      }
    });
  }

  if (!confirming) {
    return (
      <Button type="button" variant="ghost" className="text-red-700" onClick={() => setConfirming(true)} aria-label={`Revoke ${name}`}>
        Revoke
      </Button>
    );
  }
  return (
    <div className="flex flex-wrap items-center justify-end gap-2" role="group" aria-label={`Confirm revoking ${name}`}>
      {warning ? <span className="text-xs text-slate-600">{warning}</span> : null}
      <Button type="button" variant="danger" disabled={pending} onClick={confirm}>
        {pending ? "Revoking…" : "Confirm revoke"}
      </Button>
      <Button type="button" variant="ghost" disabled={pending} onClick={() => setConfirming(false)}>
        Cancel
      </Button>
      {error ? (
        <p role="alert" className="w-full text-right text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
