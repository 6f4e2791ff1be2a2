import "server-only";
// Ends a credit or fee: later closes no longer apply it (invoices already issued keep their lines).
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { notFound } from "../errors";
import { requireBillingPartner } from "../chargeback/billing-partner-scope";

export async function revokeCustomerCredit(scope: PartnerScope, creditId: string): Promise<{ id: string }> {
  const partnerId = requireBillingPartner(scope);
  const prisma = await getPrisma();
  const credit = await prisma.customerCredit.findFirst({
    where: { id: creditId, partnerId, revokedAt: null },
    select: { id: true, customer: { select: { partnerId: true } } },
  });
  if (!credit) throw notFound("The credit");
  return prisma.$transaction(async (tx) => {
    await tx.customerCredit.update({ where: { id: credit.id }, data: { revokedAt: new Date() }, select: { id: true } });
    await recordAuditEvent(tx, scope, {
      action: "customerCredit.revoke",
      targetType: "CustomerCredit",
      targetId: credit.id,
      partnerId: credit.customer.partnerId,
    });
    return { id: credit.id };
  });
}
