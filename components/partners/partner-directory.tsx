import { countryName } from "@/lib/customers/csp-markets";
import type { listPartners } from "@/lib/partners/list-partners";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";

const KIND = { DIRECT_CSP: "Direct CSP", INDIRECT_PROVIDER: "Distributor", INDIRECT_RESELLER: "Reseller" } as const;

/** The operators' view of every partner on the platform. */
export function PartnerDirectory({ partners }: { partners: Awaited<ReturnType<typeof listPartners>> }) {
  return (
    <Card>
      <table className="w-full text-left text-sm">
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            <th className="py-2">Partner</th>
            <th>Kind</th>
            <th>MPN ID</th>
            <th>Country</th>
            <th>Distributor</th>
            <th className="text-right">Customers</th>
            <th className="text-right">Users</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {partners.map((partner) => (
            <tr key={partner.id}>
              <td className="py-2 font-medium">
                {partner.name} {partner.status === "SUSPENDED" ? <Badge tone="danger">Suspended</Badge> : null}
              </td>
              <td>{KIND[partner.kind]}</td>
              <td className="tabular-nums">{partner.mpnId}</td>
              <td>{countryName(partner.country)}</td>
              <td>{partner.parent?.name ?? "—"}</td>
              <td className="text-right tabular-nums">{partner._count.customers}</td>
              <td className="text-right tabular-nums">{partner._count.users}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
