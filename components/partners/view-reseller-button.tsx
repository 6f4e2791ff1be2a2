"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { selectResellerAction } from "@/lib/auth/actions";
import { Button } from "@/components/ui/button";

/** Narrows the whole portal to this reseller (the same as choosing it under "Viewing"). */
export function ViewResellerButton({ resellerId, name }: { resellerId: string; name: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        type="button"
        variant="secondary"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await selectResellerAction({ resellerId });
            if (!result.ok) {
              setError(result.error.message);
              return;
            }
            router.push("/customers");
            router.refresh();
          })
        }
      >
        {pending ? "Switching…" : `View ${name}'s data`}
      </Button>
      {error ? (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
