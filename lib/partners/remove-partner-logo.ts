import "server-only";
// Removes the signed-in partner's logo (audited); the customer portal then shows its name only.
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { forbidden, notFound } from "../errors";

export async function removePartnerLogo(scope: PartnerScope): Promise<{ partnerId: string }> {
  if (scope.partnerId === null) throw forbidden("Operators have no partner organisation.");
  const partnerId = scope.partnerId;
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const before = await tx.partnerLogo.findUnique({ where: { partnerId }, select: { contentType: true, sha256: true } });
    if (!before) throw notFound("The logo");
    await tx.partnerLogo.delete({ where: { partnerId }, select: { partnerId: true } });
    await recordAuditEvent(tx, scope, {
      action: "partner.removeLogo",
      targetType: "Partner",
      targetId: partnerId,
      partnerId,
      before: { contentType: before.contentType, sha256: before.sha256 },
      after: undefined,
    });
    return { partnerId };
  });
}
