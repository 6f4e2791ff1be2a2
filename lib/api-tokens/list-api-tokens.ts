import "server-only";
import { getPrisma } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";

export interface ApiTokenListRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdBy: { displayName: string; email: string } | null;
}

/**
 * The caller's own partner's tokens, newest first. Never the hash. A distributor sees its own
 * tokens only, not its resellers': each partner's admins manage their partner's credentials.
 */
export async function listApiTokens(scope: PartnerScope): Promise<ApiTokenListRow[]> {
  assertScopeCan(scope, "apiTokens:manage");
  if (!scope.partnerId) return [];
  const prisma = await getPrisma();
  return prisma.apiToken.findMany({
    where: { partnerId: scope.partnerId },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      prefix: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
      createdBy: { select: { displayName: true, email: true } },
    },
  });
}
