"use client";
import { signOut } from "next-auth/react";

export function UserMenu({ name, email, roleLabel }: { name: string; email: string; roleLabel: string }) {
  return (
    <div className="flex items-center gap-3">
      <div className="text-right leading-tight">
        <p className="text-sm font-medium" data-testid="signed-in-user">
          {name}
        </p>
        <p className="text-xs text-slate-500">
          {email} · {roleLabel}
        </p>
      </div>
      <button
        type="button"
        onClick={() => signOut({ callbackUrl: "/sign-in" })}
        className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50"
      >
        Sign out
      </button>
    </div>
  );
}
