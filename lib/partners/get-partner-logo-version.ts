import "server-only";
// The signed-in user's partner logo's SHA-256 (null without one): the shells put it in the logo's
// URL, so a new logo is fetched at once and an unchanged one comes from the browser's cache.
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";

export async function getPartnerLogoVersion(scope: PartnerScope): Promise<string | null> {
  if (scope.partnerId === null) return null;
  const prisma = await getPrisma();
  const logo = await prisma.partnerLogo.findUnique({ where: { partnerId: scope.partnerId }, select: { sha256: true } });
  return logo?.sha256 ?? null;
}
