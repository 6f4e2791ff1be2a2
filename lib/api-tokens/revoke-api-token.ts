import "server-only";
import { getPrisma } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { notFound } from "../errors";

/**
 * Revokes one of the caller's partner's tokens; it is refused from the next request on. Another
 * partner's token id is simply not found. Revoking a revoked token changes (and audits) nothing.
 */
export async function revokeApiToken(scope: PartnerScope, tokenId: string): Promise<{ id: string; revokedAt: Date }> {
  assertScopeCan(scope, "apiTokens:manage");
  const partnerId = scope.partnerId;
  if (!partnerId) throw notFound("API token");
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({
      where: { id: tokenId, partnerId },
      select: { id: true, name: true, prefix: true, revokedAt: true },
    });
    if (!token) throw notFound("API token");
    if (token.revokedAt) return { id: token.id, revokedAt: token.revokedAt };
    const revokedAt = new Date();
    // Conditional on still being live, so two concurrent revokes write (and audit) once.
    const { count } = await tx.apiToken.updateMany({ where: { id: token.id, revokedAt: null }, data: { revokedAt } });
    if (count === 0) return { id: token.id, revokedAt };
    await recordAuditEvent(tx, scope, {
      action: "apiToken.revoke",
      targetType: "ApiToken",
      targetId: token.id,
      partnerId,
      before: { name: token.name, prefix: token.prefix, revokedAt: null },
      after: { revokedAt: revokedAt.toISOString() },
    });
    return { id: token.id, revokedAt };
  });
}
