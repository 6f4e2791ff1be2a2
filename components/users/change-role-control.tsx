"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionError } from "@/lib/actions/action-result";
import { changeUserRoleAction } from "@/lib/users/actions";
import { ROLE_OPTIONS } from "./role-options";

/** A role picker that saves on change; a refusal (LastAdmin…) shows inline and the picker resets. */
export function ChangeRoleControl({ userId, name, role }: { userId: string; name: string; role: string }) {
  const router = useRouter();
  const [value, setValue] = useState(role);
  const [error, setError] = useState<ActionError | null>(null);
  const [pending, startTransition] = useTransition();

  return (
    <div className="space-y-1">
      <select
        aria-label={`Role of ${name}`}
        value={value}
        disabled={pending}
        onChange={(event) => {
          const next = event.target.value;
          setValue(next);
          startTransition(async () => {
            const result = await changeUserRoleAction({ userId, role: next });
            if (result.ok) {
              setError(null);
              router.refresh();
            } else {
              setError(result.error);
              setValue(role);
            }
          });
        }}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
      >
        {ROLE_OPTIONS.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {error ? (
        <p role="alert" className="max-w-xs text-xs text-red-700">
          {error.message} <span className="text-red-600">({error.code})</span>
        </p>
      ) : null}
    </div>
  );
}
