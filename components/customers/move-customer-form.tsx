"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { moveCustomerAction } from "@/lib/customers/actions";
import type { MoveTarget } from "@/lib/customers/list-move-targets";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { formValues, useActionForm } from "@/components/ui/use-action-form";

/**
 * "Move to reseller": choose the new owner, then confirm in a second step that names both sides
 * (the move changes who manages the customer; subscriptions keep billing to the distributor).
 */
export function MoveCustomerForm({
  customerId,
  customerName,
  currentOwner,
  targets,
}: {
  customerId: string;
  customerName: string;
  currentOwner: { id: string; name: string };
  targets: MoveTarget[];
}) {
  const router = useRouter();
  const [pendingMove, setPendingMove] = useState<{ toPartnerId: string; note: string } | null>(null);
  const { error, pending, submit, fieldError } = useActionForm(
    moveCustomerAction,
    () => {
      setPendingMove(null);
      router.refresh();
    },
    () => `Customer moved${targetName ? ` to ${targetName}` : ""}.`,
  );
  const options = targets
    .filter((target) => target.id !== currentOwner.id)
    .map((target) => ({ value: target.id, label: target.suspended ? `${target.name} (suspended)` : target.name }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    const move = { toPartnerId: values.toPartnerId ?? "", note: values.note ?? "" };
    // Nothing chosen: let the server's validation say so, no confirmation step.
    if (!move.toPartnerId) submit({ customerId, ...move });
    else setPendingMove(move);
  }

  const targetName = targets.find((target) => target.id === pendingMove?.toPartnerId)?.name;
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label="Move to reseller">
      <FormError error={error} />
      <SelectField
        label="New owner"
        name="toPartnerId"
        placeholder="Choose a reseller"
        options={options}
        error={fieldError("toPartnerId")}
        disabled={pendingMove !== null}
      />
      <TextField
        label="Note (optional)"
        name="note"
        maxLength={500}
        placeholder="Why it moves, e.g. the customer's request"
        error={fieldError("note")}
        disabled={pendingMove !== null}
      />
      {pendingMove ? (
        <div role="group" aria-label="Confirm the move" className="space-y-3 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm">
          <p>
            Move <strong>{customerName}</strong> from <strong>{currentOwner.name}</strong> to <strong>{targetName ?? "the chosen reseller"}</strong>? The new
            reseller manages it from now on; its subscriptions keep rolling up to you.
          </p>
          <div className="flex gap-2">
            <Button type="button" disabled={pending} onClick={() => submit({ customerId, ...pendingMove })}>
              {pending ? "Moving…" : "Confirm move"}
            </Button>
            <Button type="button" variant="ghost" disabled={pending} onClick={() => setPendingMove(null)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : (
        <Button type="submit" variant="secondary">
          Move to reseller
        </Button>
      )}
    </form>
  );
}
