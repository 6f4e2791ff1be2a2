import type { LocalMeterRow } from "@/lib/meters/list-meter-catalog";
import { describeConversion } from "@/lib/meters/quantity-conversion";
import { Badge } from "@/components/ui/badge";

export function LocalMeterTable({ meters }: { meters: LocalMeterRow[] }) {
  if (meters.length === 0) return <p className="text-sm text-slate-600">No local meters match.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" aria-label="Local meters">
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-2 py-2">Meter</th>
            <th className="px-2 py-2">Resource provider</th>
            <th className="px-2 py-2">Unit</th>
            <th className="px-2 py-2">Billed by Microsoft as</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {meters.map((meter) => (
            <tr key={meter.id} className="align-top">
              <td className="px-2 py-2">
                <div className="font-medium">{meter.name}</div>
                <div className="font-mono text-xs text-slate-500" title={`Documented as ${meter.displayId}`}>
                  {meter.id}
                </div>
                <div className="text-xs text-slate-500">{meter.description}</div>
              </td>
              <td className="px-2 py-2">{meter.resourceProvider}</td>
              <td className="px-2 py-2">{meter.unit}</td>
              <td className="px-2 py-2">
                {meter.billedAs ? (
                  <div className="space-y-0.5">
                    <div>
                      <Badge tone="info">tenant</Badge> {meter.billedAs.tenant.resourceName}, {meter.billedAs.tenant.unitOfMeasure}
                      <span className="ml-1 font-mono text-xs text-slate-500">{meter.billedAs.tenant.id.slice(0, 8)}</span>
                    </div>
                    <div>
                      <Badge>admin</Badge> {meter.billedAs.admin.resourceName}, {meter.billedAs.admin.unitOfMeasure}
                      <span className="ml-1 font-mono text-xs text-slate-500">{meter.billedAs.admin.id.slice(0, 8)}</span>
                    </div>
                    <div className="text-xs text-slate-500">Quantity {describeConversion(meter.billedAs.conversion)}</div>
                  </div>
                ) : (
                  <span className="text-slate-600">Not billed by Microsoft — available for your own chargeback</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
