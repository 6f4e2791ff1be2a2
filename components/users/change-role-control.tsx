"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionError } from "@/lib/actions/action-result";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { changeUserRoleAction } from "@/lib/users/actions";
import { Button } from "@/components/ui/button";
import { useNotice } from "@/components/ui/notice";
import { ROLE_OPTIONS } from "./role-options";

/**
 * A role picker that saves nothing by itself: choosing another role shows Save and Cancel, so a
 * stray keystroke on a focused picker can't change anyone's access. The saved change is announced;
 * a refusal (LastAdmin…) shows inline and the picker goes back to the saved role.
 */
export function ChangeRoleControl({ userId, name, role }: { userId: string; name: string; role: string }) {
  const router = useRouter();
  const notify = useNotice();
  const [value, setValue] = useState<string>(role);
  const [error, setError] = useState<ActionError | null>(null);
  const [pending, startTransition] = useTransition();
  const changed = value !== role;

  function save() {
    startTransition(async () => {
      const result = await changeUserRoleAction({ userId, role: value });
      if (result.ok) {
        setError(null);
        notify({ tone: "success", message: `${name} is now ${ROLE_LABELS[result.data.role]}.` });
        router.refresh();
      } else {
        setError(result.error);
        setValue(role);
      }
    });
  }

  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-1">
        <select
          aria-label={`Role of ${name}`}
          value={value}
          disabled={pending}
          onChange={(event) => {
            setError(null);
            setValue(event.target.value);
          }}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
        >
          {ROLE_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        {changed ? (
          <>
            <Button type="button" className="px-2.5 py-1" disabled={pending} onClick={save} aria-label={`Save role of ${name}`}>
              {pending ? "Saving…" : "Save"}
            </Button>
            <Button
              type="button"
              variant="ghost"
              className="px-2.5 py-1"
              disabled={pending}
              onClick={() => setValue(role)}
              aria-label={`Cancel role change of ${name}`}
            >
              Cancel
            </Button>
          </>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="max-w-xs text-xs text-red-700">
          {error.message} <span className="text-red-600">({error.code})</span>
        </p>
      ) : null}
    </div>
  );
}
