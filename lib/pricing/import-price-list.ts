import "server-only";
import { getDatabase } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { discardStagedVersion, stagePriceList, type StagePriceListInput } from "./stage-price-list";
import { analyzePriceList, publishPriceListVersion } from "./publish-price-list-version";
import type { ImportSuccess } from "./import-protocol";

export type ImportPriceListInput = Omit<StagePriceListInput, "importedBy">;

export type ImportPriceListResult = ImportSuccess;

/**
 * Imports a Partner Center price list CSV as a new version (operators only). All or nothing: rows
 * stream into an IMPORTING version that no reader sees, and only a fully valid file is published,
 * with its audit event, in one transaction. Any problem discards the staged rows and throws
 * PriceListImportError listing line, column and reason.
 */
export async function importPriceList(scope: PartnerScope, input: ImportPriceListInput): Promise<ImportPriceListResult> {
  assertScopeCan(scope, "platform:operate");
  const started = performance.now();
  const database = await getDatabase();
  const staged = await stagePriceList(database, { ...input, importedBy: { userId: scope.userId, email: scope.email } });
  input.onProgress?.({ phase: "publishing", rowsRead: staged.rowCount, bytesRead: 0 });
  try {
    await database.prisma.$transaction(
      async (tx) => {
        const published = await publishPriceListVersion(tx, staged.versionId, staged.rowCount);
        await recordAuditEvent(tx, scope, {
          action: "price-list.import",
          targetType: "PriceListVersion",
          targetId: staged.versionId,
          partnerId: null,
          after: {
            ...published,
            effectiveFrom: input.effectiveFrom,
            markets: staged.markets,
            format: staged.format,
            derivedRegionRows: staged.derivedRegionRows,
          },
        });
      },
      { maxWait: 10_000, timeout: 120_000 },
    );
  } catch (error) {
    await discardStagedVersion(database, staged.versionId).catch(() => {});
    throw error;
  } finally {
    staged.release();
  }
  await analyzePriceList(database.sql, staged.versionId);
  return {
    versionId: staged.versionId,
    effectiveFrom: input.effectiveFrom,
    rowCount: staged.rowCount,
    markets: staged.markets,
    format: staged.format,
    derivedRegionRows: staged.derivedRegionRows,
    seconds: (performance.now() - started) / 1000,
  };
}
