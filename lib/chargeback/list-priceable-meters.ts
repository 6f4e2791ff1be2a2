import "server-only";
// What a rate card version can price: every commerce meter (a markup over Microsoft's price) and
// the local meters Microsoft doesn't bill (the partner's own unit price). Catalog data is global.
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { requireBillingPartner } from "./billing-partner-scope";
import { commerceMeterLabel } from "./rate-card-subjects";

export interface PriceableMeters {
  commerce: { id: string; label: string; category: string; unit: string; audience: "TENANT" | "ADMIN" }[];
  local: { id: string; name: string; provider: string; unit: string }[];
}

export async function listPriceableMeters(scope: PartnerScope): Promise<PriceableMeters> {
  requireBillingPartner(scope);
  const prisma = await getPrisma();
  const [commerce, local] = await Promise.all([
    prisma.commerceMeter.findMany({
      orderBy: [{ audience: "desc" }, { serviceName: "asc" }, { resourceName: "asc" }, { serviceType: "asc" }],
      select: { id: true, serviceName: true, serviceType: true, resourceName: true, unitOfMeasure: true, audience: true },
    }),
    prisma.localMeter.findMany({
      where: { mapping: null },
      orderBy: [{ resourceProvider: "asc" }, { name: "asc" }],
      select: { id: true, name: true, resourceProvider: true, unit: true },
    }),
  ]);
  return {
    commerce: commerce.map((m) => ({ id: m.id, label: commerceMeterLabel(m), category: m.serviceName, unit: m.unitOfMeasure, audience: m.audience })),
    local: local.map((m) => ({ id: m.id, name: m.name, provider: m.resourceProvider, unit: m.unit })),
  };
}
