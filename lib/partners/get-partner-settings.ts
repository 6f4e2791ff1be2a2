import "server-only";
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { forbidden, notFound } from "../errors";

export interface PartnerSettings {
  id: string;
  name: string;
  mpnId: string;
  country: string;
  directoryTenantId: string | null;
}

/** The signed-in partner's own organisation settings (Settings → Organization). */
export async function getPartnerSettings(scope: PartnerScope): Promise<PartnerSettings> {
  if (scope.partnerId === null) throw forbidden("Operators have no partner organisation.");
  const prisma = await getPrisma();
  const partner = await prisma.partner.findUnique({
    where: { id: scope.partnerId },
    select: { id: true, name: true, mpnId: true, country: true, directoryTenantId: true },
  });
  if (!partner) throw notFound("Partner");
  return partner;
}
