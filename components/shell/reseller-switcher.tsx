"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { selectResellerAction } from "@/lib/auth/actions";

export function ResellerSwitcher({ resellers, selectedResellerId }: { resellers: { id: string; name: string }[]; selectedResellerId: string | null }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  return (
    <div className="flex items-center gap-2">
      <label htmlFor="reseller-switcher" className="text-xs font-medium text-slate-500">
        Viewing
      </label>
      <select
        id="reseller-switcher"
        value={selectedResellerId ?? ""}
        disabled={pending}
        onChange={(event) => {
          const resellerId = event.target.value || null;
          startTransition(async () => {
            const result = await selectResellerAction({ resellerId });
            setError(result.ok ? null : result.error.message);
            router.refresh();
          });
        }}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
      >
        <option value="">All resellers and own</option>
        {resellers.map((reseller) => (
          <option key={reseller.id} value={reseller.id}>
            {reseller.name}
          </option>
        ))}
      </select>
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </div>
  );
}
