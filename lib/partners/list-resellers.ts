import "server-only";
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { assertDistributor } from "./distributor-scope";

/**
 * A distributor's resellers, rolled up: status, customers, users and pending invitations. Follows
 * the "Viewing" switcher: narrowed to one reseller, only that one is listed.
 */
export async function listResellers(scope: PartnerScope) {
  const distributorId = assertDistributor(scope);
  const prisma = await getPrisma();
  const rows = await prisma.partner.findMany({
    where: {
      parentId: distributorId,
      kind: "INDIRECT_RESELLER",
      ...(scope.selectedResellerId ? { id: scope.selectedResellerId } : {}),
    },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      mpnId: true,
      country: true,
      status: true,
      createdAt: true,
      _count: {
        select: {
          customers: true,
          users: { where: { active: true } },
          invitations: { where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } } },
        },
      },
    },
  });
  return rows.map(({ _count, ...row }) => ({
    ...row,
    customerCount: _count.customers,
    activeUserCount: _count.users,
    pendingInvitationCount: _count.invitations,
  }));
}

export type ResellerRow = Awaited<ReturnType<typeof listResellers>>[number];
