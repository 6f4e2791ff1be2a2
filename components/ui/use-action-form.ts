"use client";
import { useState, useTransition } from "react";
import type { ActionError, ActionResult } from "@/lib/actions/action-result";
import { useNotice } from "@/components/ui/notice";

/**
 * Runs a server action from a form and keeps its error (message + per-field) for inline display.
 * `successNotice` names what was done: it is shown in the portal's notice region on success.
 */
export function useActionForm<T>(action: (input: unknown) => Promise<ActionResult<T>>, onSuccess: (data: T) => void, successNotice?: (data: T) => string) {
  const notify = useNotice();
  const [error, setError] = useState<ActionError | null>(null);
  const [pending, startTransition] = useTransition();
  function submit(input: Record<string, unknown>) {
    startTransition(async () => {
      const result = await action(input);
      if (result.ok) {
        setError(null);
        if (successNotice) notify({ tone: "success", message: successNotice(result.data) });
        onSuccess(result.data);
      } else {
        setError(result.error);
      }
    });
  }
  return { error, pending, submit, fieldError: (name: string) => error?.fields?.[name] };
}

export function formValues(form: HTMLFormElement): Record<string, string> {
  return Object.fromEntries(Array.from(new FormData(form).entries()).map(([key, value]) => [key, String(value)]));
}
