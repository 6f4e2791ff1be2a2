"use client";
// One customer in the list, with a button that unfolds its subscriptions in a row underneath
// (rendered only while open, so the list's rows stay one per customer).
import Link from "next/link";
import { Fragment, useState } from "react";
import type { CustomerListRow } from "@/lib/customers/list-customers";
import { countryName } from "@/lib/customers/csp-markets";
import { Badge } from "@/components/ui/badge";

export function CustomerRow({ row, showOwner, columns }: { row: CustomerListRow; showOwner: boolean; columns: number }) {
  const [open, setOpen] = useState(false);
  const panelId = `customer-subscriptions-${row.id}`;
  return (
    <Fragment>
      <tr className="hover:bg-slate-50" data-testid="customer-row">
        <td className="px-4 py-2.5 font-medium">
          <Link href={`/customers/${row.id}`} className="text-brand-700 hover:underline">
            {row.companyName}
          </Link>
        </td>
        <td className="px-4 py-2.5">{row.domain}</td>
        <td className="px-4 py-2.5 font-mono text-xs text-slate-600">{row.tenantId}</td>
        <td className="px-4 py-2.5">{countryName(row.country)}</td>
        {showOwner ? <td className="px-4 py-2.5">{row.partner.name}</td> : null}
        <td className="px-4 py-2.5 text-right tabular-nums">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={panelId}
            aria-label={`${open ? "Hide" : "Show"} the ${row.subscriptionCount} subscription${row.subscriptionCount === 1 ? "" : "s"} of ${row.companyName}`}
            disabled={row.subscriptionCount === 0}
            onClick={() => setOpen(!open)}
            className="inline-flex items-center gap-1 rounded px-1 text-brand-700 hover:underline disabled:text-slate-500 disabled:no-underline"
          >
            {row.subscriptionCount}
            {row.subscriptionCount > 0 ? <span aria-hidden="true">{open ? "▴" : "▾"}</span> : null}
          </button>
        </td>
      </tr>
      {open ? (
        <tr id={panelId} className="bg-slate-50">
          <td colSpan={columns} className="px-6 py-3">
            <ul className="space-y-1 text-sm" aria-label={`Subscriptions of ${row.companyName}`}>
              {row.subscriptions.map((subscription) => (
                <li key={subscription.id} className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{subscription.displayName}</span>
                  <span className="font-mono text-xs text-slate-500">{subscription.id}</span>
                  <Badge tone={subscription.status === "ACTIVE" ? "success" : "warning"}>{subscription.status.toLowerCase()}</Badge>
                </li>
              ))}
            </ul>
            {row.subscriptionCount > row.subscriptions.length ? (
              <Link href={`/customers/${row.id}`} className="mt-2 inline-block text-xs text-brand-700 hover:underline">
                All {row.subscriptionCount} subscriptions on the customer&apos;s page
              </Link>
            ) : null}
          </td>
        </tr>
      ) : null}
    </Fragment>
  );
}
