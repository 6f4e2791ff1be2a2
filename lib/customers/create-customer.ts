import "server-only";
import { randomUUID } from "node:crypto";
import { getPrisma } from "../db";
import { assertCanManagePartner, assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { COMMON_ERROR_CODES, DomainError } from "../errors";
import type { createCustomerSchema } from "./customer-schemas";
import type { z } from "zod";

/** Which partner owns a new customer: the caller's own for direct CSPs/resellers; a chosen reseller for distributors. */
export function resolveCustomerOwner(scope: PartnerScope, requestedOwnerId: string | undefined): string {
  if (scope.partnerKind === "INDIRECT_PROVIDER") {
    const owner = scope.resellers.find((reseller) => reseller.id === requestedOwnerId);
    if (!owner) {
      throw new DomainError(COMMON_ERROR_CODES.ValidationFailed, "Choose the reseller that will own this customer.", {
        fields: { ownerPartnerId: "Choose one of your resellers." },
      });
    }
    return owner.id;
  }
  if (!scope.partnerId) throw new DomainError(COMMON_ERROR_CODES.Forbidden, "Operators don't own customers.");
  return scope.partnerId;
}

export async function assertCustomerIdentityFree(domain: string, tenantId: string): Promise<void> {
  const prisma = await getPrisma();
  const clash = await prisma.customer.findFirst({
    where: { OR: [{ domain }, { tenantId }] },
    select: { domain: true },
  });
  if (clash) {
    const fields: Record<string, string> =
      clash.domain === domain
        ? { domain: "This directory domain is already used by a customer." }
        : { tenantId: "This directory tenant is already a customer." };
    throw new DomainError(COMMON_ERROR_CODES.Conflict, "That customer directory already exists.", { fields });
  }
}

export async function createCustomer(scope: PartnerScope, input: z.output<typeof createCustomerSchema>) {
  assertScopeCan(scope, "customers:write");
  const ownerId = resolveCustomerOwner(scope, input.ownerPartnerId);
  assertCanManagePartner(scope, ownerId);
  // A blank tenant id means a new directory: Microsoft would assign its id, so we do.
  const tenantId = input.tenantId ?? randomUUID();
  await assertCustomerIdentityFree(input.domain, tenantId);

  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const customer = await tx.customer.create({
      data: {
        companyName: input.companyName,
        domain: input.domain,
        tenantId,
        country: input.country,
        partnerId: ownerId,
      },
      select: { id: true, companyName: true, domain: true, tenantId: true, country: true, partnerId: true, createdAt: true },
    });
    // The first ownership period: the history of who owned the customer starts with its creation.
    await tx.customerOwnershipPeriod.create({
      data: { customerId: customer.id, partnerId: ownerId, ownedFrom: customer.createdAt },
      select: { id: true },
    });
    await recordAuditEvent(tx, scope, {
      action: "customer.create",
      targetType: "Customer",
      targetId: customer.id,
      partnerId: ownerId,
      after: { ...customer, createdAt: customer.createdAt.toISOString() },
    });
    return customer;
  });
}
