import "server-only";
import { getPrisma } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import type { RegistrationRecord } from "./find-registration";
import { listRegistrationBillablePartnerIds } from "./list-registration-billable-partner-ids";

// What the registration forms offer. The lists mirror the service's own checks
// (assertRegistrationSubscription, the tenant roll-up rule) so the guided forms only suggest
// choices that can succeed; the service still re-checks everything on submit.

export interface DefaultSubscriptionOption {
  id: string;
  type: "CSP" | "APSS";
  displayName: string;
  /** The customer owning a CSP subscription; null for the partner's own APSS subscription. */
  customerName: string | null;
  rollsUpToPartnerName: string | null;
}

/** The scope's active CSP and APSS subscriptions that may be a registration's default subscription. */
export async function listDefaultSubscriptionOptions(scope: PartnerScope): Promise<DefaultSubscriptionOption[]> {
  assertScopeCan(scope, "registrations:write");
  if (scope.manageablePartnerIds.length === 0) return [];
  const prisma = await getPrisma();
  const rows = await prisma.azureSubscription.findMany({
    where: {
      status: "ACTIVE",
      type: { in: ["CSP", "APSS"] },
      OR: [{ rollsUpToPartnerId: { in: scope.manageablePartnerIds } }, { customer: { partnerId: { in: scope.manageablePartnerIds } } }],
    },
    select: {
      id: true,
      type: true,
      displayName: true,
      customer: { select: { companyName: true } },
      rollsUpToPartner: { select: { name: true } },
    },
    take: 2000,
  });
  const options = rows.flatMap((row): DefaultSubscriptionOption[] =>
    row.type === "CSP" || row.type === "APSS"
      ? [
          {
            id: row.id,
            type: row.type,
            displayName: row.displayName,
            customerName: row.customer?.companyName ?? null,
            rollsUpToPartnerName: row.rollsUpToPartner?.name ?? null,
          },
        ]
      : [],
  );
  // APSS first (the partner's own), then customers alphabetically.
  return options.sort(
    (a, b) =>
      Number(a.type === "CSP") - Number(b.type === "CSP") ||
      (a.customerName ?? "").localeCompare(b.customerName ?? "") ||
      a.displayName.localeCompare(b.displayName),
  );
}

export interface AddableCustomerSubscription {
  id: string;
  displayName: string;
  customerId: string;
  customerName: string;
  tenantId: string;
  /** When this customer's tenant is already on the registration: the subscription it bills now. */
  currentSubscriptionId: string | null;
}

/**
 * Customer CSP subscriptions of the scope that may be added to this registration: active, rolling
 * up to the same CSP partner as its default subscription, and held by a customer both the scope
 * and the registration's owner cover (you cannot register someone else's customers, nor a
 * reseller another reseller's). The registration must come from a scoped lookup (findRegistrationById).
 */
export async function listAddableCustomerSubscriptions(
  scope: PartnerScope,
  registration: Pick<RegistrationRecord, "id" | "defaultSubscription" | "partner">,
): Promise<AddableCustomerSubscription[]> {
  assertScopeCan(scope, "registrations:write");
  const rollsUpTo = registration.defaultSubscription.rollsUpToPartnerId;
  const billable = await listRegistrationBillablePartnerIds(registration);
  const holders = scope.manageablePartnerIds.filter((partnerId) => billable.includes(partnerId));
  if (!rollsUpTo || holders.length === 0) return [];
  const prisma = await getPrisma();
  const [subscriptions, current] = await Promise.all([
    prisma.azureSubscription.findMany({
      where: {
        type: "CSP",
        status: "ACTIVE",
        rollsUpToPartnerId: rollsUpTo,
        customer: { partnerId: { in: holders } },
      },
      orderBy: [{ customer: { companyName: "asc" } }, { createdAt: "asc" }],
      select: { id: true, displayName: true, customer: { select: { id: true, companyName: true, tenantId: true } } },
      take: 2000,
    }),
    prisma.customerSubscriptionRegistration.findMany({
      where: { registrationId: registration.id },
      select: { tenantId: true, customerSubscriptionId: true },
    }),
  ]);
  const byTenant = new Map(current.map((row) => [row.tenantId, row.customerSubscriptionId]));
  return subscriptions.flatMap((row) =>
    row.customer
      ? [
          {
            id: row.id,
            displayName: row.displayName,
            customerId: row.customer.id,
            customerName: row.customer.companyName,
            tenantId: row.customer.tenantId,
            currentSubscriptionId: byTenant.get(row.customer.tenantId) ?? null,
          },
        ]
      : [],
  );
}
