import type { ActionError } from "@/lib/actions/action-result";

export function FormError({ error }: { error: ActionError | null }) {
  if (!error) return null;
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      <p className="font-medium">{error.message}</p>
      <p className="text-xs text-red-700">Code: {error.code}</p>
    </div>
  );
}
