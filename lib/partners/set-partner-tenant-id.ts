import "server-only";
import { Prisma } from "../../generated/prisma/client";
import { getPrisma } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { DomainError, forbidden, notFound } from "../errors";
import { PARTNER_ERROR_CODES, type PartnerTenantIdInput } from "./partner-schemas";

const IN_USE = "Another partner already uses this directory tenant ID.";

/**
 * Sets the signed-in partner's own Microsoft Entra directory (tenant) id: PartnerId in its recon
 * files and CustomerId of the usage billed to its own default subscription (docs/recon.md). Only
 * the partner's own row (a distributor doesn't set its resellers'); one partner per tenant.
 */
export async function setPartnerTenantId(scope: PartnerScope, input: PartnerTenantIdInput): Promise<{ id: string; directoryTenantId: string }> {
  if (scope.partnerId === null) throw forbidden("Operators have no partner organisation.");
  // The action checks this too; the data function checks it again so no other caller (a customer
  // reader's scope names its customer's partner) sets a partner's tenant.
  assertScopeCan(scope, "organization:manage");
  const partnerId = scope.partnerId;
  const prisma = await getPrisma();
  try {
    return await prisma.$transaction(async (tx) => {
      const partner = await tx.partner.findUnique({ where: { id: partnerId }, select: { id: true, directoryTenantId: true } });
      if (!partner) throw notFound("Partner");
      if (partner.directoryTenantId === input.directoryTenantId) return { id: partner.id, directoryTenantId: input.directoryTenantId };
      await tx.partner.update({ where: { id: partner.id }, data: { directoryTenantId: input.directoryTenantId }, select: { id: true } });
      await recordAuditEvent(tx, scope, {
        action: "partner.setTenantId",
        targetType: "Partner",
        targetId: partner.id,
        partnerId: partner.id,
        before: { directoryTenantId: partner.directoryTenantId },
        after: { directoryTenantId: input.directoryTenantId },
      });
      return { id: partner.id, directoryTenantId: input.directoryTenantId };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new DomainError(PARTNER_ERROR_CODES.TenantIdInUse, IN_USE, { status: 409, fields: { directoryTenantId: IN_USE } });
    }
    throw error;
  }
}
