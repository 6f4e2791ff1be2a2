import "server-only";
// The customer a customer reader's scope names, with its issuing partner: the one customer every
// customer-portal function reads. Anyone else (partner users, operators) gets NotFound.
import type { Database } from "../database/open-database";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { notFound } from "../errors";

export interface PortalCustomer {
  id: string;
  companyName: string;
  partner: { id: string; kind: "DIRECT_CSP" | "INDIRECT_PROVIDER" | "INDIRECT_RESELLER"; parentId: string | null; name: string };
}

export async function findPortalCustomer(prisma: Database["prisma"], scope: PartnerScope): Promise<PortalCustomer> {
  assertScopeCan(scope, "customerPortal:read");
  if (scope.customerId === null || scope.visiblePartnerIds === null) throw notFound("The customer");
  const customer = await prisma.customer.findFirst({
    where: { id: scope.customerId, partnerId: { in: scope.visiblePartnerIds } },
    select: { id: true, companyName: true, partner: { select: { id: true, kind: true, parentId: true, name: true } } },
  });
  if (!customer) throw notFound("The customer");
  return customer;
}
