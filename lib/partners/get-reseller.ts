import "server-only";
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { notFound } from "../errors";
import { assertOwnReseller } from "./distributor-scope";

/** One of the distributor's resellers, for its detail page; another partner's id is NotFound. */
export async function getReseller(scope: PartnerScope, resellerId: string) {
  assertOwnReseller(scope, resellerId);
  const prisma = await getPrisma();
  const reseller = await prisma.partner.findFirst({
    where: { id: resellerId, parentId: scope.partnerId, kind: "INDIRECT_RESELLER" },
    select: {
      id: true,
      name: true,
      mpnId: true,
      country: true,
      status: true,
      createdAt: true,
      updatedAt: true,
      _count: { select: { customers: true } },
    },
  });
  if (!reseller) throw notFound("Reseller");
  const { _count, ...rest } = reseller;
  return { ...rest, customerCount: _count.customers };
}
