import Link from "next/link";
import { auditActionLabel } from "@/lib/audit/audit-labels";
import type { AuditQuery } from "@/lib/audit/audit-query";
import { buttonClasses } from "@/components/ui/button";

// A plain GET form: the filters live in the URL, so they survive reloads, links and the back button,
// and the CSV export link carries exactly the same query.
export function AuditFilters({ query, actions }: { query: AuditQuery; actions: string[] }) {
  const control = "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";
  const label = "flex flex-col gap-1 text-xs font-medium text-slate-600";
  const filtered = query.actor || query.action || query.target || query.from || query.to;
  return (
    <form method="get" action="/audit" role="search" aria-label="Filter audit events" className="mb-4 flex flex-wrap items-end gap-3">
      <label className={label}>
        Actor
        <input name="actor" type="search" defaultValue={query.actor ?? ""} placeholder="Email contains" className={`${control} w-56`} />
      </label>
      <label className={label}>
        Action
        <select name="action" defaultValue={query.action ?? ""} className={control}>
          <option value="">All actions</option>
          {actions.map((action) => (
            <option key={action} value={action}>
              {auditActionLabel(action)}
            </option>
          ))}
        </select>
      </label>
      <label className={label}>
        Target
        <input name="target" type="search" defaultValue={query.target ?? ""} placeholder="Type (Customer) or exact ID" className={`${control} w-56`} />
      </label>
      <label className={label}>
        From
        <input name="from" type="date" defaultValue={query.from ?? ""} className={control} />
      </label>
      <label className={label}>
        To
        <input name="to" type="date" defaultValue={query.to ?? ""} className={control} />
      </label>
      <button type="submit" className={buttonClasses("secondary")}>
        Apply
      </button>
      {filtered ? (
        <Link href="/audit" className="py-2 text-sm text-brand-600 hover:underline">
          Clear filters
        </Link>
      ) : null}
    </form>
  );
}
