"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionError, ActionResult } from "@/lib/actions/action-result";
import { Button } from "./button";

/**
 * A button with an inline confirmation step (no window.confirm: it can't be styled or tested
 * reliably). `run` is the server action; the page refreshes on success, and the action's error
 * (message + code) stays on screen next to the button.
 */
export function ConfirmActionButton({
  label,
  confirmLabel,
  pendingLabel,
  warning,
  subject,
  confirmingName,
  danger = false,
  run,
}: {
  label: string;
  confirmLabel: string;
  pendingLabel: string;
  warning?: string;
  /** Who or what it acts on, for accessible names. */
  subject: string;
  /** The accessible name of the confirmation step (default: label and subject). */
  confirmingName?: string;
  danger?: boolean;
  run: () => Promise<ActionResult<unknown>>;
}) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<ActionError | null>(null);
  const [pending, startTransition] = useTransition();

  function confirm() {
    startTransition(async () => {
      const result = await run();
      if (result.ok) {
        setConfirming(false);
        setError(null);
        router.refresh();
      } else {
        setError(result.error);
      }
    });
  }

  return (
    <div
      className="flex flex-wrap items-center justify-end gap-2"
      role="group"
      aria-label={confirming && confirmingName ? confirmingName : `${label} ${subject}`}
    >
      {!confirming ? (
        <Button
          type="button"
          variant="ghost"
          className={danger ? "text-red-700" : undefined}
          onClick={() => setConfirming(true)}
          aria-label={`${label} ${subject}`}
        >
          {label}
        </Button>
      ) : (
        <>
          {warning ? <span className="text-xs text-slate-600">{warning}</span> : null}
          <Button type="button" variant={danger ? "danger" : "primary"} disabled={pending} onClick={confirm}>
            {pending ? pendingLabel : confirmLabel}
          </Button>
          <Button
            type="button"
            variant="ghost"
            disabled={pending}
            onClick={() => {
              setConfirming(false);
              setError(null);
            }}
          >
            Cancel
          </Button>
        </>
      )}
      {error ? (
        <p role="alert" className="w-full text-right text-xs text-red-700">
          {error.message} <span className="text-red-600">({error.code})</span>
        </p>
      ) : null}
    </div>
  );
}
