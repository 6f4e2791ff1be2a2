import "server-only";
import { getPrisma } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { COMMON_ERROR_CODES, DomainError, notFound } from "../errors";

export const MOVE_CUSTOMER_ERROR_CODES = {
  /** The customer already belongs to the chosen reseller. */
  SameOwner: "SameOwner",
  /** The current or the new owner is a suspended reseller. */
  ResellerSuspended: "ResellerSuspended",
  /** Only a distributor moves customers, and only between its own resellers. */
  NotDistributor: "NotDistributor",
  /** Someone else moved the customer between our read and our write. */
  OwnerChanged: "OwnerChanged",
  /** The customer's tenant is added to a registration of a reseller other than the new owner. */
  TenantOnOtherResellersRegistration: "TenantOnOtherResellersRegistration",
} as const;

/** What moveCustomerSchema yields (the action validates; direct callers pass the same shape). */
export interface MoveCustomerRequest {
  customerId: string;
  toPartnerId: string;
  note?: string;
}

export interface MovedCustomer {
  id: string;
  fromPartnerId: string;
  toPartnerId: string;
  movedAt: Date;
}

/**
 * Moves a customer between a distributor's resellers (or from the distributor itself to one of
 * them): the owner changes, the open ownership period closes and the next opens at the same
 * instant, and the move is audited, all in one transaction. Subscriptions keep rolling up to the
 * distributor (the CSP partner of record doesn't change), and registrations referencing them are
 * untouched. The audit event belongs to the distributor: a reseller must not learn the other one.
 */
export async function moveCustomer(scope: PartnerScope, input: MoveCustomerRequest): Promise<MovedCustomer> {
  assertScopeCan(scope, "customers:move");
  const distributorId = scope.partnerId;
  if (scope.partnerKind !== "INDIRECT_PROVIDER" || !distributorId) {
    throw new DomainError(MOVE_CUSTOMER_ERROR_CODES.NotDistributor, "Only a distributor can move customers between its resellers.", {
      status: 403,
    });
  }
  const prisma = await getPrisma();
  const customer = await prisma.customer.findFirst({
    where: { id: input.customerId, partnerId: { in: scope.manageablePartnerIds } },
    select: {
      id: true,
      companyName: true,
      createdAt: true,
      partner: { select: { id: true, name: true, kind: true, status: true } },
    },
  });
  if (!customer) throw notFound("Customer");
  const target = await prisma.partner.findFirst({
    where: { id: input.toPartnerId, parentId: distributorId, kind: "INDIRECT_RESELLER" },
    select: { id: true, name: true, status: true },
  });
  if (!target) {
    throw new DomainError(COMMON_ERROR_CODES.NotFound, "Reseller was not found.", {
      fields: { toPartnerId: "Choose one of your resellers." },
    });
  }
  if (target.id === customer.partner.id) {
    throw new DomainError(MOVE_CUSTOMER_ERROR_CODES.SameOwner, `${customer.companyName} already belongs to ${target.name}.`, {
      status: 409,
      fields: { toPartnerId: "Choose another reseller." },
    });
  }
  for (const partner of [customer.partner, target]) {
    if (partner.status !== "ACTIVE") {
      throw new DomainError(MOVE_CUSTOMER_ERROR_CODES.ResellerSuspended, `${partner.name} is suspended: resume it before moving customers to or from it.`, {
        status: 409,
        fields: partner.id === target.id ? { toPartnerId: "This reseller is suspended." } : undefined,
      });
    }
  }

  const fromPartnerId = customer.partner.id;
  return prisma.$transaction(async (tx) => {
    // A reseller's stamp bills only that reseller's customers: the tenant leaves such registrations
    // first, deliberately, rather than being billed (and shown) on a stamp of a reseller it no
    // longer belongs to. The distributor's own registrations may keep billing it.
    const stranded = await tx.customerSubscriptionRegistration.findMany({
      where: { customerSubscription: { customerId: customer.id }, registration: { partnerId: { notIn: [target.id, distributorId] } } },
      select: { registration: { select: { name: true, stampName: true } } },
      take: 5,
    });
    if (stranded.length > 0) {
      const names = [...new Set(stranded.map(({ registration }) => `${registration.stampName} (${registration.name})`))].join(", ");
      throw new DomainError(
        MOVE_CUSTOMER_ERROR_CODES.TenantOnOtherResellersRegistration,
        `${customer.companyName}'s tenant is added to ${names}, a registration of its current reseller. Remove the tenant from it before moving the customer.`,
        { status: 409, fields: { toPartnerId: "Remove the tenant from the current reseller's registrations first." } },
      );
    }
    // Conditional on the owner we checked: a concurrent move makes this match nothing (the row
    // lock serialises the two), so a customer never gets two open periods.
    const moved = await tx.customer.updateMany({
      where: { id: customer.id, partnerId: fromPartnerId },
      data: { partnerId: target.id },
    });
    if (moved.count !== 1) {
      throw new DomainError(MOVE_CUSTOMER_ERROR_CODES.OwnerChanged, "The customer's owner changed meanwhile. Reload the page and try again.", {
        status: 409,
      });
    }
    const movedAt = new Date();
    const closed = await tx.customerOwnershipPeriod.updateMany({
      where: { customerId: customer.id, ownedUntil: null },
      data: { ownedUntil: movedAt },
    });
    if (closed.count === 0) {
      // A customer created before ownership was tracked (the migration backfills, but rows written
      // by other tools may lack one): record its first period so the history stays contiguous.
      await tx.customerOwnershipPeriod.create({
        data: { customerId: customer.id, partnerId: fromPartnerId, ownedFrom: customer.createdAt, ownedUntil: movedAt },
        select: { id: true },
      });
    }
    await tx.customerOwnershipPeriod.create({
      data: {
        customerId: customer.id,
        partnerId: target.id,
        ownedFrom: movedAt,
        movedByUserId: scope.userId,
        note: input.note ?? null,
      },
      select: { id: true },
    });
    await recordAuditEvent(tx, scope, {
      action: "customer.move",
      targetType: "Customer",
      targetId: customer.id,
      partnerId: distributorId,
      before: { partnerId: fromPartnerId, partnerName: customer.partner.name },
      after: { partnerId: target.id, partnerName: target.name, ...(input.note ? { note: input.note } : {}) },
    });
    return { id: customer.id, fromPartnerId, toPartnerId: target.id, movedAt };
  });
}
