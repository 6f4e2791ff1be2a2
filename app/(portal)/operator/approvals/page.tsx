import { formatDateTime } from "@/lib/format/dates";
import { requirePageScope } from "@/lib/auth/get-scope";
import { listRegistrations } from "@/lib/registrations/list-registrations";
import { multiTenancyRequestEmail } from "@/lib/registrations/multi-tenancy-email";
import { ApprovalQueue, type PendingRequest } from "@/components/registrations/approval-queue";
import { PageHeader } from "@/components/ui/card";

export const metadata = { title: "Multi-tenancy approvals" };

export default async function ApprovalsPage() {
  const scope = await requirePageScope("platform:operate");
  const pending = await listRegistrations(scope, { multiTenancyState: "PENDING" });
  // Oldest request first: the queue is worked in the order partners asked.
  const requests: PendingRequest[] = pending
    .toSorted((a, b) => (a.multiTenancyRequestedAt?.getTime() ?? 0) - (b.multiTenancyRequestedAt?.getTime() ?? 0))
    .map((row) => ({
      id: row.id,
      name: row.name,
      resourceGroup: row.resourceGroup,
      subscriptionId: row.subscriptionId,
      partnerName: row.partner.name,
      stampName: row.stampName,
      stampRegion: row.stampRegion,
      defaultSubscription: `${row.defaultSubscription.displayName} (${row.defaultSubscription.type})`,
      requestedAt: row.multiTenancyRequestedAt ? formatDateTime(row.multiTenancyRequestedAt) : "—",
      email: multiTenancyRequestEmail({ ...row, partnerName: row.partner.name }),
    }));
  return (
    <>
      <PageHeader
        title="Multi-tenancy approvals"
        description="Partners ask Microsoft to approve a registration for multi-tenancy before they add customer tenants to it. Approve, or reject with a reason the partner sees. Every decision is audited."
      />
      <ApprovalQueue requests={requests} />
    </>
  );
}
