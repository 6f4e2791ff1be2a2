import Link from "next/link";
import type { CustomerListRow } from "@/lib/customers/list-customers";
import type { CustomerSort } from "@/lib/customers/customer-schemas";
import { CustomerRow } from "./customer-row";

export interface CustomerTableSort {
  sort: CustomerSort | undefined;
  dir: "asc" | "desc" | undefined;
  /** The list's URL for a sort (filters kept, back to page 1). */
  hrefFor: (sort: CustomerSort, dir: "asc" | "desc") => string;
}

function SortHeader({ label, column, sorting, className = "" }: { label: string; column: CustomerSort; sorting: CustomerTableSort; className?: string }) {
  const active = (sorting.sort ?? "name") === column;
  const dir = sorting.dir ?? "asc";
  const next = active && dir === "asc" ? "desc" : "asc";
  return (
    <th className={`px-4 py-2.5 ${className}`} aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"}>
      <Link
        href={sorting.hrefFor(column, next)}
        className="inline-flex items-center gap-1 hover:text-slate-800"
        aria-label={`${label}: sort ${next === "asc" ? "ascending" : "descending"}`}
      >
        {label}
        <span aria-hidden="true">{active ? (dir === "asc" ? "↑" : "↓") : "↕"}</span>
      </Link>
    </th>
  );
}

/**
 * `filtered`: the list is narrowed by a search or filter, so an empty list means "nothing matches";
 * unfiltered and empty, it says how to start.
 */
export function CustomerTable({
  rows,
  showOwner,
  sorting,
  filtered,
  canCreate,
}: {
  rows: CustomerListRow[];
  showOwner: boolean;
  sorting: CustomerTableSort;
  filtered: boolean;
  canCreate: boolean;
}) {
  if (rows.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-sm text-slate-600" data-testid="customers-empty">
        {filtered ? (
          <>
            No customers match these filters.{" "}
            <Link href="/customers" className="font-medium text-brand-700 hover:underline">
              Clear the filters
            </Link>
          </>
        ) : canCreate ? (
          <>
            No customers yet.{" "}
            <Link href="/customers/new" className="font-medium text-brand-700 hover:underline">
              Add your first customer
            </Link>
            : its directory tenant and CSP subscriptions come next.
          </>
        ) : (
          "No customers yet. An admin or sales agent of your organisation adds them."
        )}
      </div>
    );
  }
  const columns = showOwner ? 6 : 5;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-xs">
      <table className="w-full text-left text-sm" aria-label="Customers">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <SortHeader label="Customer" column="name" sorting={sorting} />
            <SortHeader label="Directory domain" column="domain" sorting={sorting} />
            <th className="px-4 py-2.5">Tenant ID</th>
            <SortHeader label="Country" column="country" sorting={sorting} />
            {showOwner ? <SortHeader label="Owner" column="owner" sorting={sorting} /> : null}
            <SortHeader label="Subscriptions" column="subscriptions" sorting={sorting} className="text-right" />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <CustomerRow key={row.id} row={row} showOwner={showOwner} columns={columns} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
