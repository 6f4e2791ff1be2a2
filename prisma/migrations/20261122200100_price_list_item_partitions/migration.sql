-- PriceListItem becomes a table partitioned by version (LIST on "versionId"): an import copies its
-- rows into a table of its own with no index, indexes it in bulk (CREATE INDEX sorts once, where
-- row-by-row maintenance of the trigram GIN index and the two wide btrees cost most of the COPY)
-- and attaches it as the version's partition (lib/pricing/copy-price-items.ts). A partitioned
-- table's primary key must contain the partition key: ("id", "versionId"), id first so look-ups
-- by id keep an index. Rows written without an import (the demo seed, test fixtures) and the rows
-- already stored go to the DEFAULT partition. schema.prisma cannot say "partitioned": hand-written.

ALTER TABLE "PriceListItem" RENAME TO "PriceListItem_default";
ALTER TABLE "PriceListItem_default" DROP CONSTRAINT "PriceListItem_versionId_fkey";
ALTER TABLE "PriceListItem_default" DROP CONSTRAINT "PriceListItem_pkey";
DROP INDEX "PriceListItem_versionId_market_region_productTitle_skuTitle_idx";
DROP INDEX "PriceListItem_versionId_market_productTitle_skuTitle_id_idx";
DROP INDEX "PriceListItem_meterId_market_idx";
DROP INDEX "PriceListItem_searchText_idx";

-- Same columns, NOT NULLs and defaults (the id sequence's nextval included).
CREATE TABLE "PriceListItem" (
    LIKE "PriceListItem_default" INCLUDING DEFAULTS,
    CONSTRAINT "PriceListItem_pkey" PRIMARY KEY ("id", "versionId")
) PARTITION BY LIST ("versionId");
ALTER SEQUENCE "PriceListItem_id_seq" OWNED BY "PriceListItem"."id";

CREATE INDEX "PriceListItem_versionId_market_region_productTitle_skuTitle_idx" ON "PriceListItem"("versionId", "market", "region", "productTitle", "skuTitle", "id");
CREATE INDEX "PriceListItem_versionId_market_productTitle_skuTitle_id_idx" ON "PriceListItem"("versionId", "market", "productTitle", "skuTitle", "id");
CREATE INDEX "PriceListItem_meterId_market_idx" ON "PriceListItem"("meterId", "market");
CREATE INDEX "PriceListItem_searchText_idx" ON "PriceListItem" USING GIN ("searchText" gin_trgm_ops);
ALTER TABLE "PriceListItem" ADD CONSTRAINT "PriceListItem_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "PriceListVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The stored rows keep their ids; attaching builds their indexes and checks their foreign key.
ALTER TABLE "PriceListItem" ATTACH PARTITION "PriceListItem_default" DEFAULT;
