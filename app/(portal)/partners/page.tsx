import { requirePageScope } from "@/lib/auth/get-scope";
import { listPartners } from "@/lib/partners/list-partners";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { countryName } from "@/lib/customers/csp-markets";

export const metadata = { title: "Partners" };

const KIND = { DIRECT_CSP: "Direct CSP", INDIRECT_PROVIDER: "Distributor", INDIRECT_RESELLER: "Reseller" } as const;

export default async function PartnersPage() {
  const scope = await requirePageScope("partners:read");
  const partners = await listPartners(scope);
  return (
    <>
      <PageHeader title="Partners" description="Every CSP partner on the platform. Operators approve multi-tenancy and own the Microsoft price list." />
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
    </>
  );
}
