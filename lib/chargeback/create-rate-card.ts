import "server-only";
// Creates a rate card for a subject: the partner's DEFAULT card, a distributor's card for one of its
// resellers, or an override for one customer it bills. One card per subject per partner.
import type { z } from "zod";
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { COMMON_ERROR_CODES, DomainError, notFound } from "../errors";
import { CHARGEBACK_ERROR_CODES } from "./chargeback-errors";
import type { createRateCardSchema } from "./chargeback-schemas";
import { requireBillingPartner } from "./billing-partner-scope";
import { DEFAULT_SUBJECT, customerSubject, resellerSubject } from "./rate-card-subjects";

type Input = z.output<typeof createRateCardSchema>;

async function subjectOf(scope: PartnerScope, ownerId: string, input: Input) {
  const prisma = await getPrisma();
  if (input.level === "DEFAULT") {
    return { subjectKey: DEFAULT_SUBJECT, resellerId: null, customerId: null, name: "Default rate card" };
  }
  if (input.level === "RESELLER") {
    if (scope.partnerKind !== "INDIRECT_PROVIDER") {
      throw new DomainError(COMMON_ERROR_CODES.ValidationFailed, "Only a distributor has resellers to price.", {
        fields: { level: "A direct CSP sets a default card and customer overrides." },
      });
    }
    const reseller = scope.resellers.find((r) => r.id === input.resellerId);
    if (!reseller) throw notFound("The reseller");
    return { subjectKey: resellerSubject(reseller.id), resellerId: reseller.id, customerId: null, name: `Reseller: ${reseller.name}` };
  }
  // A customer the caller bills: its own customer, or one of its resellers' customers.
  const customer = await prisma.customer.findFirst({
    where: { id: input.customerId, OR: [{ partnerId: ownerId }, { partner: { parentId: ownerId } }] },
    select: { id: true, companyName: true },
  });
  if (!customer) throw notFound("The customer");
  return { subjectKey: customerSubject(customer.id), resellerId: null, customerId: customer.id, name: `Customer: ${customer.companyName}` };
}

export async function createRateCard(scope: PartnerScope, input: Input): Promise<{ id: string }> {
  const ownerId = requireBillingPartner(scope);
  const subject = await subjectOf(scope, ownerId, input);
  const prisma = await getPrisma();
  const existing = await prisma.rateCard.findUnique({
    where: { ownerPartnerId_subjectKey: { ownerPartnerId: ownerId, subjectKey: subject.subjectKey } },
    select: { id: true },
  });
  if (existing) {
    throw new DomainError(CHARGEBACK_ERROR_CODES.RateCardExists, "A rate card for that subject already exists: add a version to it.", {
      status: 409,
      fields: { [input.level === "RESELLER" ? "resellerId" : input.level === "CUSTOMER" ? "customerId" : "level"]: "Already has a rate card." },
    });
  }
  return prisma.$transaction(async (tx) => {
    const card = await tx.rateCard.create({
      data: { ownerPartnerId: ownerId, level: input.level, ...subject, name: input.name || subject.name },
      select: { id: true, level: true, subjectKey: true, name: true },
    });
    await recordAuditEvent(tx, scope, { action: "rateCard.create", targetType: "RateCard", targetId: card.id, partnerId: ownerId, after: card });
    return { id: card.id };
  });
}
