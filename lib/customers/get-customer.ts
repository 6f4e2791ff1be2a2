import "server-only";
import { getPrisma } from "../db";
import { assertScopeCan, visiblePartnerFilter, type PartnerScope } from "../auth/partner-scope";
import { notFound } from "../errors";

export type CustomerDetail = NonNullable<Awaited<ReturnType<typeof findCustomer>>>;

async function findCustomer(scope: PartnerScope, customerId: string) {
  const prisma = await getPrisma();
  const partnerFilter = visiblePartnerFilter(scope);
  return prisma.customer.findFirst({
    where: { id: customerId, ...(partnerFilter ? { partnerId: partnerFilter } : {}) },
    select: {
      id: true,
      companyName: true,
      domain: true,
      tenantId: true,
      country: true,
      createdAt: true,
      updatedAt: true,
      partner: { select: { id: true, name: true, kind: true, mpnId: true, parent: { select: { id: true, name: true } } } },
      subscriptions: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          type: true,
          displayName: true,
          status: true,
          createdAt: true,
          rollsUpToPartner: { select: { id: true, name: true } },
        },
      },
    },
  });
}

/** One customer of the scope with its subscriptions; another partner's customer is simply not found. */
export async function getCustomer(scope: PartnerScope, customerId: string): Promise<CustomerDetail> {
  assertScopeCan(scope, "customers:read");
  const customer = await findCustomer(scope, customerId);
  if (!customer) throw notFound("Customer");
  return customer;
}
