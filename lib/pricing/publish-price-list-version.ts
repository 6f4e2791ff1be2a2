// Makes a staged version visible: computes its per-market totals and facet counts with two
// INSERT … SELECT statements and flips its status. Run inside the transaction that also writes the
// audit event.
import type { Prisma } from "../../generated/prisma/client";
import type { RawSql } from "../database/open-database";
import { priceItemsPartition } from "./copy-price-items";

export async function publishPriceListVersion(tx: Prisma.TransactionClient, versionId: string, rowCount: number) {
  await tx.$executeRawUnsafe(
    `INSERT INTO "PriceListVersionMarket" ("versionId", "market", "currency", "rowCount")
     SELECT $1, "market", min("currency"), count(*)::int FROM "PriceListItem" WHERE "versionId" = $1 GROUP BY "market"`,
    versionId,
  );
  await tx.$executeRawUnsafe(
    `INSERT INTO "PriceListFacet" ("versionId", "market", "region", "meterCategory", "effectiveStartDate", "effectiveEndDate", "rowCount")
     SELECT $1, "market", "region", "meterCategory", "effectiveStartDate", "effectiveEndDate", count(*)::int
       FROM "PriceListItem" WHERE "versionId" = $1
      GROUP BY "market", "region", "meterCategory", "effectiveStartDate", "effectiveEndDate"`,
    versionId,
  );
  return tx.priceListVersion.update({
    where: { id: versionId },
    data: { status: "PUBLISHED", rowCount, publishedAt: new Date() },
    select: { id: true, effectiveFrom: true, sourceFileName: true, rowCount: true },
  });
}

/**
 * Refreshes the planner's statistics and the visibility map of a published version's partition.
 * Embedded PGlite runs no autovacuum, so without this the planner keeps estimating an empty table
 * and scans the wrong index; and until a VACUUM marks the new rows all-visible, every "index-only"
 * scan of the browse pages (a deep page walks 50k index entries) still reads each row from the
 * table. Only the new partition: the other versions' rows did not change, and VACUUM/ANALYZE of
 * the partitioned parent would redo every partition (its cost would grow with each version). Not
 * in a transaction (VACUUM can't run in one).
 */
export async function analyzePriceList(sql: RawSql, versionId: string): Promise<void> {
  await sql.query(`VACUUM (ANALYZE) ${priceItemsPartition(versionId)}, "PriceListFacet", "PriceListVersionMarket"`);
}
