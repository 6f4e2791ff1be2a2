import Link from "next/link";
import type { CommerceMeterRow } from "@/lib/meters/list-meter-catalog";
import { Badge } from "@/components/ui/badge";

export function CommerceMeterTable({ meters }: { meters: CommerceMeterRow[] }) {
  if (meters.length === 0) return <p className="text-sm text-slate-600">No commerce meters match.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" aria-label="Commerce meters">
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-2 py-2">Resource GUID</th>
            <th className="px-2 py-2">Service</th>
            <th className="px-2 py-2">Resource name</th>
            <th className="px-2 py-2">Unit of measure</th>
            <th className="px-2 py-2">Audience</th>
            <th className="px-2 py-2">From local meters</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {meters.map((meter) => (
            <tr key={meter.id} className="align-top">
              <td className="px-2 py-2 font-mono text-xs">
                <Link href={`/price-list?q=${meter.id}`} className="text-brand-700 hover:underline" title="Prices of this meter">
                  {meter.id}
                </Link>
              </td>
              <td className="px-2 py-2">
                {meter.serviceName}
                {meter.serviceType ? <span className="text-slate-500"> · {meter.serviceType}</span> : null}
              </td>
              <td className="px-2 py-2">{meter.resourceName}</td>
              <td className="px-2 py-2">{meter.unitOfMeasure}</td>
              <td className="px-2 py-2">
                <Badge tone={meter.audience === "TENANT" ? "info" : "neutral"}>{meter.audience === "TENANT" ? "tenant" : "admin"}</Badge>
              </td>
              <td className="px-2 py-2">{meter.localMeters.map((local) => local.name).join(", ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
