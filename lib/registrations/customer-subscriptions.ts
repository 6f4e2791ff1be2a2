import "server-only";
import { getPrisma } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { COMMON_ERROR_CODES, DomainError } from "../errors";
import { armRefOf, findRegistrationByRef, type RegistrationRecord } from "./find-registration";
import { registrationErrors, type ArmRegistrationRef } from "./registration-errors";
import { LOWERCASE_GUID } from "./registration-schemas";
import { listRegistrationBillablePartnerIds } from "./list-registration-billable-partner-ids";
import { resolveSubscriptionTenant } from "./resolve-subscription-tenant";

const CUSTOMER_SUBSCRIPTION_SELECT = {
  id: true,
  customerSubscriptionId: true,
  tenantId: true,
  createdAt: true,
  updatedAt: true,
  customerSubscription: {
    select: { displayName: true, customer: { select: { id: true, companyName: true, domain: true, partnerId: true } } },
  },
} as const;

/** Where a write stands the registration's own checks, in the seed's order (nothing is written on failure). */
function assertAcceptsCustomerSubscriptions(registration: RegistrationRecord): void {
  if (registration.billingModel === "CAPACITY") throw registrationErrors.customerSubscriptionsNotAllowed();
  if (registration.multiTenancyState !== "APPROVED") throw registrationErrors.unauthorizedCspRegistration(registration.name);
}

/**
 * Checks a customer subscription id against Azure's records and the registration's CSP partner.
 * A subscription is only considered when its holder (the customer's partner, or for a subscription
 * without a customer the partner it rolls up to) is inside both the caller's scope and the
 * registration owner's (listRegistrationBillablePartnerIds); any other one is answered exactly like
 * a subscription that doesn't exist, so no foreign id is confirmed.
 */
async function assertRegistrableSubscription(scope: PartnerScope, registration: RegistrationRecord, customerSubscriptionId: string) {
  if (!LOWERCASE_GUID.test(customerSubscriptionId)) throw registrationErrors.invalidCustomerSubscriptionId(customerSubscriptionId);
  const prisma = await getPrisma();
  const [subscription, billablePartnerIds] = await Promise.all([
    prisma.azureSubscription.findUnique({
      where: { id: customerSubscriptionId },
      select: { id: true, type: true, rollsUpToPartnerId: true, customerId: true, customer: { select: { partnerId: true } } },
    }),
    listRegistrationBillablePartnerIds(registration),
  ]);
  const holder = subscription?.customer?.partnerId ?? subscription?.rollsUpToPartnerId ?? null;
  const withinScopes = holder !== null && scope.manageablePartnerIds.includes(holder) && billablePartnerIds.includes(holder);
  if (!subscription || !withinScopes) throw registrationErrors.invalidCustomerSubscriptionId(customerSubscriptionId);
  if (subscription.type !== "CSP" || !subscription.customerId) throw registrationErrors.invalidCspSubscription(customerSubscriptionId);
  // You cannot register someone else's customers: both must roll up to the same CSP partner.
  if (subscription.rollsUpToPartnerId !== registration.defaultSubscription.rollsUpToPartnerId) {
    throw registrationErrors.badCustomerSubscriptionId(customerSubscriptionId, registration.name);
  }
}

export type PutCustomerSubscriptionResult = {
  outcome: "created" | "replaced" | "unchanged";
  /** The registration as stored (its canonical name and resource group casing). */
  registration: ArmRegistrationRef;
  customerSubscription: { id: string; customerSubscriptionId: string; tenantId: string };
  replacedSubscriptionId?: string;
};

/**
 * PUT …/customerSubscriptions/{id}: adds the customer's tenant to the registration so its usage is
 * billed to this CSP subscription. One subscription per tenant per registration: a second one for
 * the same tenant replaces the first (audited).
 */
export async function putCustomerSubscription(
  scope: PartnerScope,
  ref: ArmRegistrationRef,
  input: { customerSubscriptionId: string; tenantId?: string },
): Promise<PutCustomerSubscriptionResult> {
  assertScopeCan(scope, "registrations:write");
  const registration = await findRegistrationByRef(scope, ref, { forWrite: true });
  assertAcceptsCustomerSubscriptions(registration);
  await assertRegistrableSubscription(scope, registration, input.customerSubscriptionId);

  const tenantId = await resolveSubscriptionTenant(input.customerSubscriptionId);
  if (!tenantId) throw registrationErrors.invalidCustomerSubscriptionId(input.customerSubscriptionId);
  if (input.tenantId && input.tenantId.toLowerCase() !== tenantId) {
    throw new DomainError(COMMON_ERROR_CODES.ValidationFailed, "The tenantId doesn't match the directory of that customer subscription.", {
      fields: { tenantId: "This subscription belongs to another directory." },
    });
  }

  const prisma = await getPrisma();
  const stored = armRefOf(registration);
  return prisma.$transaction(async (tx) => {
    const existing = await tx.customerSubscriptionRegistration.findUnique({
      where: { registrationId_tenantId: { registrationId: registration.id, tenantId } },
      select: { id: true, customerSubscriptionId: true, tenantId: true },
    });
    if (existing?.customerSubscriptionId === input.customerSubscriptionId) {
      return { outcome: "unchanged" as const, registration: stored, customerSubscription: existing };
    }
    const audit = { targetType: "Registration", targetId: registration.id, partnerId: registration.partnerId };
    if (existing) {
      const replaced = await tx.customerSubscriptionRegistration.update({
        where: { id: existing.id },
        data: { customerSubscriptionId: input.customerSubscriptionId },
        select: { id: true, customerSubscriptionId: true, tenantId: true },
      });
      await recordAuditEvent(tx, scope, {
        ...audit,
        action: "registration.customerSubscription.replace",
        before: { tenantId, customerSubscriptionId: existing.customerSubscriptionId },
        after: { tenantId, customerSubscriptionId: input.customerSubscriptionId },
      });
      return { outcome: "replaced" as const, registration: stored, customerSubscription: replaced, replacedSubscriptionId: existing.customerSubscriptionId };
    }
    const created = await tx.customerSubscriptionRegistration.create({
      data: { registrationId: registration.id, customerSubscriptionId: input.customerSubscriptionId, tenantId },
      select: { id: true, customerSubscriptionId: true, tenantId: true },
    });
    await recordAuditEvent(tx, scope, {
      ...audit,
      action: "registration.customerSubscription.add",
      after: { tenantId, customerSubscriptionId: input.customerSubscriptionId },
    });
    return { outcome: "created" as const, registration: stored, customerSubscription: created };
  });
}

/** GET …/customerSubscriptions/{id}: verifies a subscription was added to the registration. */
export async function getCustomerSubscription(scope: PartnerScope, ref: ArmRegistrationRef, customerSubscriptionId: string) {
  assertScopeCan(scope, "registrations:read");
  const registration = await findRegistrationByRef(scope, ref);
  const prisma = await getPrisma();
  const found = LOWERCASE_GUID.test(customerSubscriptionId)
    ? await prisma.customerSubscriptionRegistration.findUnique({
        where: { registrationId_customerSubscriptionId: { registrationId: registration.id, customerSubscriptionId } },
        select: CUSTOMER_SUBSCRIPTION_SELECT,
      })
    : null;
  if (!found) throw registrationErrors.customerSubscriptionNotFound(customerSubscriptionId, registration.name);
  return { ...found, registration: armRefOf(registration) };
}

/** GET …/customerSubscriptions: the tenants added to a registration, in pages (ARM nextLink). */
export async function listCustomerSubscriptions(scope: PartnerScope, ref: ArmRegistrationRef, page: { skip?: number; take?: number } = {}) {
  assertScopeCan(scope, "registrations:read");
  const registration = await findRegistrationByRef(scope, ref);
  const prisma = await getPrisma();
  const take = Math.min(Math.max(page.take ?? 100, 1), 1000);
  const skip = Math.max(page.skip ?? 0, 0);
  const rows = await prisma.customerSubscriptionRegistration.findMany({
    where: { registrationId: registration.id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    skip,
    take: take + 1,
    select: CUSTOMER_SUBSCRIPTION_SELECT,
  });
  return { registration, rows: rows.slice(0, take), nextSkip: rows.length > take ? skip + take : null };
}

/** DELETE …/customerSubscriptions/{id}: the tenant's usage falls back to the default subscription. */
export async function removeCustomerSubscription(scope: PartnerScope, ref: ArmRegistrationRef, customerSubscriptionId: string) {
  assertScopeCan(scope, "registrations:write");
  const registration = await findRegistrationByRef(scope, ref, { forWrite: true });
  const prisma = await getPrisma();
  const existing = LOWERCASE_GUID.test(customerSubscriptionId)
    ? await prisma.customerSubscriptionRegistration.findUnique({
        where: { registrationId_customerSubscriptionId: { registrationId: registration.id, customerSubscriptionId } },
        select: { id: true, tenantId: true },
      })
    : null;
  if (!existing) throw registrationErrors.customerSubscriptionNotFound(customerSubscriptionId, registration.name);
  await prisma.$transaction(async (tx) => {
    await tx.customerSubscriptionRegistration.delete({ where: { id: existing.id }, select: { id: true } });
    await recordAuditEvent(tx, scope, {
      action: "registration.customerSubscription.remove",
      targetType: "Registration",
      targetId: registration.id,
      partnerId: registration.partnerId,
      before: { tenantId: existing.tenantId, customerSubscriptionId },
      after: { tenantId: existing.tenantId, billedTo: registration.subscriptionId },
    });
  });
}
