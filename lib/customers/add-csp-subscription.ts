import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { getPrisma } from "../db";
import { assertCanManagePartner, assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { COMMON_ERROR_CODES, DomainError } from "../errors";
import { getCustomer } from "./get-customer";
import type { addCspSubscriptionSchema } from "./customer-schemas";

/**
 * Adds a CSP (Azure plan) subscription to a customer. It rolls up to the CSP partner of record:
 * the direct CSP itself, or — for a reseller's customer — the reseller's distributor.
 */
export async function addCspSubscription(scope: PartnerScope, input: z.output<typeof addCspSubscriptionSchema>) {
  assertScopeCan(scope, "customers:write");
  const customer = await getCustomer(scope, input.customerId);
  assertCanManagePartner(scope, customer.partner.id);
  const rollsUpToPartnerId = customer.partner.kind === "INDIRECT_RESELLER" ? customer.partner.parent?.id : customer.partner.id;
  if (!rollsUpToPartnerId) {
    throw new DomainError(COMMON_ERROR_CODES.Conflict, "This reseller has no distributor to bill the subscription to.");
  }

  const prisma = await getPrisma();
  const subscriptionId = input.subscriptionId ?? randomUUID();
  const taken = await prisma.azureSubscription.findUnique({ where: { id: subscriptionId }, select: { id: true } });
  if (taken) {
    throw new DomainError(COMMON_ERROR_CODES.Conflict, "That Azure subscription already exists.", {
      fields: { subscriptionId: "This subscription ID is already in use." },
    });
  }
  return prisma.$transaction(async (tx) => {
    const subscription = await tx.azureSubscription.create({
      data: {
        id: subscriptionId,
        type: "CSP",
        displayName: input.displayName,
        customerId: customer.id,
        rollsUpToPartnerId,
      },
      select: { id: true, type: true, displayName: true, status: true, customerId: true, rollsUpToPartnerId: true },
    });
    await recordAuditEvent(tx, scope, {
      action: "subscription.create",
      targetType: "AzureSubscription",
      targetId: subscription.id,
      partnerId: customer.partner.id,
      after: subscription,
    });
    return subscription;
  });
}
