import "server-only";
import { getPrisma } from "../db";
import { visibleCustomerFilter, visiblePartnerFilter, type PartnerScope } from "../auth/partner-scope";

export interface DashboardSummary {
  customers: number;
  activeSubscriptions: number;
  resellers: number;
  partners: number | null;
  recentCustomers: { id: string; companyName: string; domain: string; createdAt: Date }[];
}

/** Headline counts for what the scope sees (the platform for operators). */
export async function getDashboardSummary(scope: PartnerScope): Promise<DashboardSummary> {
  const prisma = await getPrisma();
  const partnerFilter = visiblePartnerFilter(scope);
  // A customer reader's scope narrows every customer count to its own customer.
  const customerWhere = { ...(partnerFilter ? { partnerId: partnerFilter } : {}), ...visibleCustomerFilter(scope) };
  const [customers, activeSubscriptions, recentCustomers, partners] = await Promise.all([
    prisma.customer.count({ where: customerWhere }),
    prisma.azureSubscription.count({ where: { status: "ACTIVE", customer: customerWhere } }),
    prisma.customer.findMany({
      where: customerWhere,
      orderBy: { createdAt: "desc" },
      take: 5,
      select: { id: true, companyName: true, domain: true, createdAt: true },
    }),
    scope.isOperator ? prisma.partner.count() : Promise.resolve(null),
  ]);
  return {
    customers,
    activeSubscriptions,
    resellers: scope.selectedResellerId ? 1 : scope.resellers.length,
    partners,
    recentCustomers,
  };
}
