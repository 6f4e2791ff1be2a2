"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { revokeApiTokenAction } from "@/lib/api-tokens/actions";
import { Button } from "@/components/ui/button";

/** Revoke with an inline confirmation step (no window.confirm: it can't be styled or tested reliably). */
export function RevokeApiTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function revoke() {
    startTransition(async () => {
      const result = await revokeApiTokenAction({ tokenId });
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
      <span className="text-xs text-slate-600">Scripts using it stop working at once.</span>
      <Button type="button" variant="danger" disabled={pending} onClick={revoke}>
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
