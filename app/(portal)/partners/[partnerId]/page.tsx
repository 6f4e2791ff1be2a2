import Link from "next/link";
import { redirect } from "next/navigation";
import { formatDate, formatDateTime } from "@/lib/format/dates";
import { requirePageScope } from "@/lib/auth/get-scope";
import { countryName } from "@/lib/customers/csp-markets";
import { getReseller } from "@/lib/partners/get-reseller";
import { listPartnerUsers } from "@/lib/users/list-partner-users";
import { listInvitableCustomers } from "@/lib/users/list-invitable-customers";
import { orNotFound } from "@/lib/pages/or-not-found";
import { ResellerStatusControl } from "@/components/partners/reseller-status-control";
import { ViewResellerButton } from "@/components/partners/view-reseller-button";
import { PartnerUsersSection } from "@/components/users/partner-users-section";
import { Card, PageHeader } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";

export default async function ResellerPage({ params }: { params: Promise<{ partnerId: string }> }) {
  // Only a distributor's admins reach a reseller here; anyone else's id (or role) is a 404/403.
  const scope = await requirePageScope("resellers:manage");
  if (scope.partnerKind !== "INDIRECT_PROVIDER") redirect("/forbidden?need=resellers%3Amanage");
  const { partnerId } = await params;
  const reseller = await orNotFound(getReseller(scope, partnerId));
  const [users, customers] = await Promise.all([listPartnerUsers(scope, reseller.id), listInvitableCustomers(scope, reseller.id)]);
  return (
    <>
      <nav className="mb-2 text-sm">
        <Link href="/partners" className="text-brand-600 hover:underline">
          Resellers
        </Link>
      </nav>
      <PageHeader
        title={reseller.name}
        description={
          <>
            Reseller of {scope.partnerName} · MPN ID {reseller.mpnId} · {countryName(reseller.country)} ·{" "}
            {reseller.status === "SUSPENDED" ? <Badge tone="danger">Suspended</Badge> : <Badge tone="success">Active</Badge>}
          </>
        }
        actions={
          <>
            {scope.selectedResellerId === reseller.id ? null : <ViewResellerButton resellerId={reseller.id} name={reseller.name} />}
            <ResellerStatusControl resellerId={reseller.id} name={reseller.name} status={reseller.status} />
          </>
        }
      />
      {reseller.status === "SUSPENDED" ? (
        <p className="mb-6 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="suspended-notice">
          Suspended since {formatDateTime(reseller.updatedAt)}: its users can&apos;t sign in. Its customers and data are kept; resuming restores access.
        </p>
      ) : null}
      <div className="mb-6 grid gap-4 sm:grid-cols-3">
        <Card>
          <p className="text-sm text-slate-600">Customers</p>
          <p className="mt-1 text-2xl font-semibold tabular-nums">
            <Link href={`/customers?reseller=${reseller.id}`} className="hover:underline">
              {reseller.customerCount}
            </Link>
          </p>
        </Card>
        <Card>
          <p className="text-sm text-slate-600">Active users</p>
          <p className="mt-1 text-2xl font-semibold tabular-nums">{users.users.filter((user) => user.active).length}</p>
        </Card>
        <Card>
          <p className="text-sm text-slate-600">Onboarded</p>
          <p className="mt-1 text-2xl font-semibold">{formatDate(reseller.createdAt)}</p>
        </Card>
      </div>
      <h2 className="mb-3 text-lg font-semibold">Users</h2>
      <PartnerUsersSection partnerId={reseller.id} data={users} customers={customers} />
    </>
  );
}
