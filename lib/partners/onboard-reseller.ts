import "server-only";
import { Prisma } from "../../generated/prisma/client";
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { DomainError } from "../errors";
import { assertEmailFree, issueInvitation, type IssuedInvitation } from "../users/issue-invitation";
import { assertDistributor } from "./distributor-scope";
import { PARTNER_ERROR_CODES, type OnboardResellerInput } from "./partner-schemas";

const mpnIdInUse = () =>
  new DomainError(PARTNER_ERROR_CODES.MpnIdInUse, "Another partner already has this MPN ID.", {
    status: 409,
    fields: { mpnId: "This MPN ID already belongs to a partner on Stackcenter. Check the number in Partner Center." },
  });

/**
 * A distributor onboards a reseller: the INDIRECT_RESELLER partner and a one-time invitation for its
 * first admin agent, in one transaction (a refused MPN ID or email writes nothing), both audited.
 */
export async function onboardReseller(
  scope: PartnerScope,
  input: OnboardResellerInput,
): Promise<{ resellerId: string; name: string; invitation: IssuedInvitation }> {
  const distributorId = assertDistributor(scope);
  const prisma = await getPrisma();
  try {
    return await prisma.$transaction(async (tx) => {
      const clash = await tx.partner.findUnique({ where: { mpnId: input.mpnId }, select: { id: true } });
      if (clash) throw mpnIdInUse();
      await assertEmailFree(tx, input.adminEmail, { field: "adminEmail" });
      const reseller = await tx.partner.create({
        data: { kind: "INDIRECT_RESELLER", name: input.name, mpnId: input.mpnId, country: input.country, parentId: distributorId },
        select: { id: true, name: true, mpnId: true, country: true, parentId: true, status: true },
      });
      await recordAuditEvent(tx, scope, {
        action: "partner.onboardReseller",
        targetType: "Partner",
        targetId: reseller.id,
        partnerId: reseller.id,
        after: reseller,
      });
      const invitation = await issueInvitation(tx, scope, {
        partnerId: reseller.id,
        email: input.adminEmail,
        displayName: input.adminName,
        role: "ADMIN_AGENT",
      });
      return { resellerId: reseller.id, name: reseller.name, invitation };
    });
  } catch (error) {
    // Two onboardings of one MPN ID at once: the unique index refuses the second.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const target = JSON.stringify(error.meta ?? {});
      if (target.includes("mpnId")) throw mpnIdInUse();
    }
    throw error;
  }
}
