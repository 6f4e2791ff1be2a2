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

/** Registrations the scope may add tenants to, with what decides whether a tenant can be added now. */
export async function listRegistrationTargets(scope: PartnerScope) {
  assertScopeCan(scope, "registrations:write");
  const prisma = await getPrisma();
  return prisma.registration.findMany({
    where: manageableRegistrationsWhere(scope),
    orderBy: [{ stampName: "asc" }, { id: "asc" }],
    select: { id: true, name: true, stampName: true, billingModel: true, multiTenancyState: true },
    take: 500,
  });
}

export type RegistrationTarget = Awaited<ReturnType<typeof listRegistrationTargets>>[number];
