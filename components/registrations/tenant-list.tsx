"use client";
// The customer tenants on a registration, each with Verify (the ARM GET) and Remove (DELETE,
// confirmed inline: the tenant's usage then falls back to the default subscription).
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Fragment, useState } from "react";
import { removeCustomerTenantAction, verifyCustomerTenantAction } from "@/lib/registrations/actions";
import { Button } from "@/components/ui/button";
import { useActionForm } from "@/components/ui/use-action-form";
import { RegistrationError } from "./registration-error";

export interface TenantRow {
  customerSubscriptionId: string;
  subscriptionName: string;
  tenantId: string;
  customerId: string | null;
  customerName: string | null;
  addedAt: string;
}

function TenantRowView({ registrationId, row, canWrite, fallback }: { registrationId: string; row: TenantRow; canWrite: boolean; fallback: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const who = row.customerName ?? "The customer";
  const verify = useActionForm(
    verifyCustomerTenantAction,
    () => undefined,
    () => `Verified: ${who}'s tenant is on the registration.`,
  );
  const remove = useActionForm(
    removeCustomerTenantAction,
    () => router.refresh(),
    () => `Removed ${who}'s tenant: its usage is now billed to ${fallback}.`,
  );
  const input = { registrationId, customerSubscriptionId: row.customerSubscriptionId };
  const error = remove.error ?? verify.error;
  return (
    <Fragment>
      <tr data-testid="tenant-row" data-subscription-id={row.customerSubscriptionId} className="align-top">
        <td className="py-2.5 pr-3">
          {row.customerId ? (
            <Link href={`/customers/${row.customerId}`} className="font-medium text-brand-700 hover:underline">
              {row.customerName}
            </Link>
          ) : (
            <span className="font-medium">{row.customerName ?? "Unknown customer"}</span>
          )}
          <p className="font-mono text-[11px] text-slate-500">tenant {row.tenantId}</p>
        </td>
        <td className="py-2.5 pr-3">
          {row.subscriptionName}
          <p className="font-mono text-[11px] text-slate-500">{row.customerSubscriptionId}</p>
        </td>
        <td className="py-2.5 pr-3 text-slate-600">{row.addedAt}</td>
        <td className="py-2.5 text-right">
          <div className="flex justify-end gap-2 whitespace-nowrap">
            {confirming ? (
              <>
                <Button type="button" variant="danger" disabled={remove.pending} onClick={() => remove.submit(input)}>
                  {remove.pending ? "Removing…" : "Confirm remove"}
                </Button>
                <Button type="button" variant="ghost" onClick={() => setConfirming(false)}>
                  Keep
                </Button>
              </>
            ) : (
              <>
                <Button type="button" variant="secondary" disabled={verify.pending} onClick={() => verify.submit(input)}>
                  {verify.pending ? "Verifying…" : "Verify"}
                </Button>
                {canWrite ? (
                  <Button type="button" variant="ghost" onClick={() => setConfirming(true)}>
                    Remove
                  </Button>
                ) : null}
              </>
            )}
          </div>
          {confirming ? <p className="mt-1 text-xs text-slate-600">Its usage will be billed to {fallback}.</p> : null}
        </td>
      </tr>
      {error ? (
        <tr>
          <td colSpan={4} className="pb-3">
            <RegistrationError error={error} />
          </td>
        </tr>
      ) : null}
    </Fragment>
  );
}

export function TenantList({
  registrationId,
  rows,
  canWrite,
  defaultSubscriptionLabel,
}: {
  registrationId: string;
  rows: TenantRow[];
  canWrite: boolean;
  defaultSubscriptionLabel: string;
}) {
  if (rows.length === 0) {
    return (
      <p className="rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-600">
        No customer tenants yet: all usage on this stamp is billed to {defaultSubscriptionLabel}.
      </p>
    );
  }
  return (
    <table className="w-full text-left text-sm" aria-label="Customer tenants">
      <thead className="text-xs uppercase text-slate-500">
        <tr>
          <th className="py-2">Customer tenant</th>
          <th>Billed to subscription</th>
          <th>Added</th>
          <th className="sr-only">Actions</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => (
          <TenantRowView key={row.customerSubscriptionId} registrationId={registrationId} row={row} canWrite={canWrite} fallback={defaultSubscriptionLabel} />
        ))}
      </tbody>
    </table>
  );
}
