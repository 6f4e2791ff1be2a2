import Link from "next/link";
import type { listRegistrations } from "@/lib/registrations/list-registrations";
import { stampProblem } from "@/lib/stamps/stamp-silence";
import { formatUtcHour } from "@/lib/format/dates";
import { BillingModelBadge, MultiTenancyBadge } from "./labels";

/** The Stamps column: how the stamp's usage collection is doing (stamp-silence.ts decides). */
function StampStatus({ connection }: { connection: RegistrationListRow["stampConnection"] }) {
  if (!connection) return <span className="text-slate-500">Not connected</span>;
  const problem = stampProblem(connection);
  if (problem === "failing") return <span className="font-medium text-red-700">Pulls failing</span>;
  const newest = connection.newestUsageHour ? formatUtcHour(connection.newestUsageHour) : "no usage yet";
  return (
    <span className={problem === "silent" ? "font-medium text-red-700" : "text-slate-700"}>
      {problem === "silent" ? `Silent since ${newest}` : `Usage to ${newest}`}
    </span>
  );
}

export type RegistrationListRow = Awaited<ReturnType<typeof listRegistrations>>[number];

export function RegistrationTable({ rows, showPartner }: { rows: RegistrationListRow[]; showPartner: boolean }) {
  if (rows.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-sm text-slate-600">
        No registrations yet. Register each Azure Stack Hub stamp once, right after deployment, so its usage is billed.
      </div>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-xs">
      <table className="w-full text-left text-sm" aria-label="Registrations">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-4 py-2.5">Stamp</th>
            <th className="px-4 py-2.5">Registration</th>
            <th className="px-4 py-2.5">Default subscription</th>
            <th className="px-4 py-2.5">Billing model</th>
            <th className="px-4 py-2.5">Multi-tenancy</th>
            {showPartner ? <th className="px-4 py-2.5">Registered by</th> : null}
            <th className="px-4 py-2.5">Stamp</th>
            <th className="px-4 py-2.5 text-right">Tenants</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} className="hover:bg-slate-50">
              <td className="px-4 py-2.5">
                <Link href={`/registrations/${row.id}`} className="font-medium text-brand-700 hover:underline">
                  {row.stampName}
                </Link>
                <p className="text-xs text-slate-500">{row.stampRegion}</p>
              </td>
              <td className="px-4 py-2.5">
                <span className="break-all font-mono text-xs">{row.name}</span>
                <p className="text-xs text-slate-500">resource group {row.resourceGroup}</p>
              </td>
              <td className="px-4 py-2.5">
                {row.defaultSubscription.displayName}
                <p className="text-xs text-slate-500">
                  {row.defaultSubscription.type} · <span className="font-mono">{row.subscriptionId}</span>
                </p>
              </td>
              <td className="whitespace-nowrap px-4 py-2.5">
                <BillingModelBadge model={row.billingModel} />
              </td>
              <td className="whitespace-nowrap px-4 py-2.5">
                <MultiTenancyBadge state={row.multiTenancyState} />
              </td>
              {showPartner ? <td className="px-4 py-2.5">{row.partner.name}</td> : null}
              <td className="px-4 py-2.5 text-xs" data-testid="stamp-status">
                <StampStatus connection={row.stampConnection} />
              </td>
              <td className="px-4 py-2.5 text-right tabular-nums">{row._count.customerSubscriptions}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
