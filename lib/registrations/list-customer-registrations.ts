import "server-only";
import { getPrisma } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { manageableRegistrationsWhere, visibleRegistrationsWhere } from "./registration-scope";

/**
 * For a customer's page: the scope's registrations this customer's tenant is added to (and which
 * of its subscriptions each bills), plus the registrations the scope could add it to. The
 * customer itself must come from a scoped lookup (getCustomer).
 */
export async function listCustomerRegistrations(scope: PartnerScope, customer: { tenantId: string }) {
  assertScopeCan(scope, "registrations:read");
  const prisma = await getPrisma();
  const memberships = await prisma.customerSubscriptionRegistration.findMany({
    where: { tenantId: customer.tenantId, registration: visibleRegistrationsWhere(scope) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      createdAt: true,
      customerSubscriptionId: true,
      customerSubscription: { select: { displayName: true } },
      registration: { select: { id: true, name: true, stampName: true, stampRegion: true } },
    },
  });
  return memberships;
}

export type CustomerRegistrationMembership = Awaited<ReturnType<typeof listCustomerRegistrations>>[number];

/**
 * Registrations the scope may add this customer's tenant to, with what decides whether it can be
 * added now: only those that may bill the customer (its own partner's, or its distributor's), as
 * putCustomerSubscription checks. The customer must come from a scoped lookup (getCustomer).
 */
export async function listRegistrationTargets(scope: PartnerScope, customer: { partner: { id: string; parent: { id: string } | null } }) {
  assertScopeCan(scope, "registrations:write");
  const prisma = await getPrisma();
  const billers = [customer.partner.id, ...(customer.partner.parent ? [customer.partner.parent.id] : [])];
  return prisma.registration.findMany({
    where: { AND: [manageableRegistrationsWhere(scope), { partnerId: { in: billers } }] },
    orderBy: [{ stampName: "asc" }, { id: "asc" }],
    select: { id: true, name: true, stampName: true, billingModel: true, multiTenancyState: true },
    take: 500,
  });
}

export type RegistrationTarget = Awaited<ReturnType<typeof listRegistrationTargets>>[number];
