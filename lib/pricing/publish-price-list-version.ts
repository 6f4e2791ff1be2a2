// Makes a staged version visible: computes its per-market totals and facet counts with two
// INSERT … SELECT statements and flips its status. Run inside the transaction that also writes the
// audit event. Only a version still IMPORTING is published: one abandoned meanwhile (its tables
// dropped by abandonDeadPriceImports) fails the publish (Prisma's record-not-found).
import type { Prisma } from "../../generated/prisma/client";
import type { RawSql } from "../database/open-database";
import { priceItemsPartition, priceWordsPartition } from "./copy-price-items";

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
    where: { id: versionId, status: "IMPORTING" },
    data: { status: "PUBLISHED", rowCount, publishedAt: new Date() },
    select: { id: true, effectiveFrom: true, sourceFileName: true, rowCount: true },
  });
}

/**
 * Refreshes the planner's statistics after a publish: embedded PGlite runs no autovacuum, so
 * without this the planner keeps estimating an empty partition and scans the wrong index. Only
 * the version's new partitions, rows and words (the other versions' rows did not change; ANALYZE
 * of the partitioned parent would redo every partition, a cost growing with each version), and
 * ANALYZE without VACUUM: the COPY wrote the rows frozen with their pages marked all-visible
 * (copy-price-items.ts), so index-only scans don't visit the table and a VACUUM would only re-read
 * the indexes.
 */
export async function analyzePriceList(sql: RawSql, versionId: string): Promise<void> {
  await sql.transaction(async (tx) => {
    // Half the default sample (15,000 rows instead of 30,000): the browse queries' estimates (a few
    // markets, regions and categories; the search words) come out the same, in half the time.
    await tx.query(`SET LOCAL default_statistics_target = ${ANALYZE_STATISTICS_TARGET}`);
    await tx.query(`ANALYZE ${priceItemsPartition(versionId)}, ${priceWordsPartition(versionId)}, "PriceListFacet", "PriceListVersionMarket"`);
  });
}

const ANALYZE_STATISTICS_TARGET = 50;
