import "server-only";
import { getPrisma } from "../db";
import { resolvePartnerScope, scopeCan, type PartnerScope } from "../auth/partner-scope";
import { hashApiToken, isWellFormedApiToken } from "./api-token-format";

/** lastUsedAt is refreshed at most this often, so a busy stamp doesn't cost a write per request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** The token of an `Authorization: Bearer <token>` header (scheme case-insensitive), or null. */
export function bearerToken(authorizationHeader: string | null | undefined): string | null {
  const match = /^Bearer[ ]+(\S+)[ ]*$/i.exec(authorizationHeader ?? "");
  return match ? match[1] : null;
}

/*
 * How a token becomes a PartnerScope (decision).
 *
 * A token belongs to its partner (ApiToken.partnerId) and acts THROUGH ITS CREATOR: the scope is
 * exactly resolvePartnerScope() of the user who created it, with no reseller selected, and only
 * while that user
 *   - still exists and is active, still belongs to the token's partner, and
 *   - still holds "apiTokens:manage" (is an ADMIN_AGENT; so the scope has ADMIN_AGENT permissions).
 * Reusing resolvePartnerScope means the partner rules are the portal's own, not a copy: the partner
 * (and a reseller's distributor) must be ACTIVE, and the rows reachable are exactly the partner's
 * (a distributor: plus its resellers'), never wider. Synthesising a creator-less scope was rejected:
 *   1. every API write is audited with scope.userId as the actor (AuditEvent.actorUserId is a
 *      foreign key to User), so a scope needs a real, accountable user;
 *   2. the portal's rule is that a deactivated user loses access at once; a token minted by someone
 *      who has left (or was demoted) must not outlive their rights. The cost: automation using a
 *      departed admin's token stops and the partner issues a new one (the token list shows creators).
 * Tokens whose creator row is gone (createdByUserId set null) are therefore refused too.
 */
export async function authenticateApiToken(authorizationHeader: string | null | undefined): Promise<PartnerScope | null> {
  const token = bearerToken(authorizationHeader);
  if (!token || !isWellFormedApiToken(token)) return null;

  const prisma = await getPrisma();
  const row = await prisma.apiToken.findUnique({
    where: { tokenHash: hashApiToken(token) },
    select: { id: true, name: true, partnerId: true, createdByUserId: true, revokedAt: true, lastUsedAt: true },
  });
  if (!row || row.revokedAt || !row.createdByUserId) return null;

  const creatorScope = await resolvePartnerScope(prisma, { userId: row.createdByUserId, selectedResellerId: null });
  if (!creatorScope || creatorScope.isOperator || creatorScope.partnerId !== row.partnerId) return null;
  if (!scopeCan(creatorScope, "apiTokens:manage")) return null;

  await touchLastUsed(row.id, row.lastUsedAt);
  return { ...creatorScope, userName: `${creatorScope.userName} (API token "${row.name}")` };
}

async function touchLastUsed(tokenId: string, lastUsedAt: Date | null): Promise<void> {
  const now = new Date();
  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (lastUsedAt && lastUsedAt > staleBefore) return;
  try {
    const prisma = await getPrisma();
    // Conditional, so concurrent first requests of the minute write once. Bookkeeping, not a change
    // to the partner's data: not audited.
    await prisma.apiToken.updateMany({
      where: { id: tokenId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: staleBefore } }] },
      data: { lastUsedAt: now },
    });
  } catch (error) {
    // A failed timestamp must not fail an authenticated request.
    console.warn("could not record API token use", error instanceof Error ? error.message : error);
  }
}
