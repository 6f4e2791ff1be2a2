import "server-only";
import { getPrisma } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";

export interface PriceListVersionSummary {
  id: string;
  effectiveFrom: string;
  isDemo: boolean;
  sourceFileName: string;
  rowCount: number;
  importedAt: Date;
  importedByEmail: string | null;
  markets: { market: string; currency: string; rowCount: number }[];
}

/** Published versions, newest effective date first (what operators see next to the import form). */
export async function listPriceListVersions(scope: PartnerScope, limit = 20): Promise<PriceListVersionSummary[]> {
  assertScopeCan(scope, "prices:read");
  const prisma = await getPrisma();
  const versions = await prisma.priceListVersion.findMany({
    where: { status: "PUBLISHED" },
    orderBy: [{ effectiveFrom: "desc" }, { publishedAt: "desc" }],
    take: limit,
    select: {
      id: true,
      effectiveFrom: true,
      isDemo: true,
      sourceFileName: true,
      rowCount: true,
      importedAt: true,
      importedByEmail: true,
      markets: { select: { market: true, currency: true, rowCount: true }, orderBy: { market: "asc" } },
    },
  });
  return versions.map((version) => ({ ...version, effectiveFrom: version.effectiveFrom.toISOString().slice(0, 10) }));
}
