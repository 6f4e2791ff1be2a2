import "server-only";
import { getPrisma } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";

export interface AbandonedPriceImportSummary {
  id: string;
  effectiveFrom: string;
  sourceFileName: string;
  importedAt: Date;
  importedByEmail: string | null;
  heartbeatAt: Date | null;
  abandonedAt: Date | null;
}

/** Imports that died before publishing and were cleaned up, newest first (the import page shows them to operators). */
export async function listAbandonedPriceImports(scope: PartnerScope, limit = 20): Promise<AbandonedPriceImportSummary[]> {
  assertScopeCan(scope, "platform:operate");
  const prisma = await getPrisma();
  const versions = await prisma.priceListVersion.findMany({
    where: { status: "ABANDONED" },
    orderBy: [{ abandonedAt: "desc" }, { importedAt: "desc" }],
    take: limit,
    select: { id: true, effectiveFrom: true, sourceFileName: true, importedAt: true, importedByEmail: true, heartbeatAt: true, abandonedAt: true },
  });
  return versions.map((version) => ({ ...version, effectiveFrom: version.effectiveFrom.toISOString().slice(0, 10) }));
}
