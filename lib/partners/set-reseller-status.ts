import "server-only";
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { notFound } from "../errors";
import { assertOwnReseller } from "./distributor-scope";

/**
 * Suspends or resumes one of the distributor's resellers. Suspended: its users can't sign in and
 * lose access at their next request (resolvePartnerScope reads the status each time); its
 * customers, users and history are kept. Resuming restores everything as it was.
 */
export async function setResellerStatus(scope: PartnerScope, resellerId: string, status: "ACTIVE" | "SUSPENDED") {
  assertOwnReseller(scope, resellerId);
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const reseller = await tx.partner.findFirst({
      where: { id: resellerId, parentId: scope.partnerId, kind: "INDIRECT_RESELLER" },
      select: { id: true, name: true, status: true },
    });
    if (!reseller) throw notFound("Reseller");
    if (reseller.status === status) return { id: reseller.id, status };
    const { count } = await tx.partner.updateMany({ where: { id: reseller.id, status: reseller.status }, data: { status } });
    if (count === 0) return { id: reseller.id, status };
    await recordAuditEvent(tx, scope, {
      action: status === "SUSPENDED" ? "partner.suspend" : "partner.resume",
      targetType: "Partner",
      targetId: reseller.id,
      partnerId: reseller.id,
      before: { name: reseller.name, status: reseller.status },
      after: { status },
    });
    return { id: reseller.id, status };
  });
}
