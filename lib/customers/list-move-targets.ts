import "server-only";
import { getPrisma } from "../db";
import { scopeCan, type PartnerScope } from "../auth/partner-scope";

export interface MoveTarget {
  id: string;
  name: string;
  suspended: boolean;
}

/** The resellers a distributor may move a customer to (all its own; suspended ones flagged). Empty for anyone else. */
export async function listMoveTargets(scope: PartnerScope): Promise<MoveTarget[]> {
  if (!scopeCan(scope, "customers:move") || scope.partnerKind !== "INDIRECT_PROVIDER" || !scope.partnerId) return [];
  const prisma = await getPrisma();
  const resellers = await prisma.partner.findMany({
    where: { parentId: scope.partnerId, kind: "INDIRECT_RESELLER" },
    orderBy: { name: "asc" },
    select: { id: true, name: true, status: true },
  });
  return resellers.map((reseller) => ({ id: reseller.id, name: reseller.name, suspended: reseller.status !== "ACTIVE" }));
}
