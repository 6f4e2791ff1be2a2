"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { markMyNotificationsReadAction, markNotificationsReadAction } from "@/lib/alerts/actions";
import type { ActionError } from "@/lib/actions/action-result";
import { Button } from "@/components/ui/button";

/** "Mark read" for one notification (notificationId) or "Mark all read" (none); a customer reader's through the customer portal's action. */
export function MarkReadButton({ notificationId, label, audience = "partner" }: { notificationId?: string; label: string; audience?: "partner" | "customer" }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<ActionError | null>(null);
  function run() {
    startTransition(async () => {
      const markRead = audience === "customer" ? markMyNotificationsReadAction : markNotificationsReadAction;
      const result = await markRead(notificationId ? { notificationId } : { all: true });
      if (!result.ok) return setError(result.error);
      setError(null);
      router.refresh();
    });
  }
  return (
    <span className="inline-flex flex-col items-end">
      <Button type="button" variant={notificationId ? "ghost" : "secondary"} disabled={pending} onClick={run}>
        {pending ? "Marking…" : label}
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {error.message}
        </span>
      ) : null}
    </span>
  );
}
