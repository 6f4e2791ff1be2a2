-- "ReconciliationLine" becomes partitioned by import, as "ReconciliationBilledLine" is: a matching
-- fills a table of its own with no index to maintain row by row, the indexes are built once when
-- it is attached as the import's partition, and a re-matched or discarded import's lines go with
-- a DROP. Lines stored before stay in the DEFAULT partition. A partitioned table's primary key must
-- hold the partition key: ("importId", "id"), which also serves the differences export's keyset
-- paging on id within an import. schema.prisma cannot say "partitioned": hand-written.

ALTER TABLE "ReconciliationLine" RENAME TO "ReconciliationLine_unpartitioned";
ALTER TABLE "ReconciliationLine_unpartitioned" RENAME CONSTRAINT "ReconciliationLine_pkey" TO "ReconciliationLine_unpartitioned_pkey";
DROP INDEX "ReconciliationLine_importId_class_idx";
DROP INDEX "ReconciliationLine_importId_customerId_idx";

CREATE TABLE "ReconciliationLine" (LIKE "ReconciliationLine_unpartitioned" INCLUDING DEFAULTS) PARTITION BY LIST ("importId");
ALTER SEQUENCE "ReconciliationLine_id_seq" OWNED BY "ReconciliationLine"."id";
ALTER TABLE "ReconciliationLine" ADD CONSTRAINT "ReconciliationLine_pkey" PRIMARY KEY ("importId", "id");
CREATE INDEX "ReconciliationLine_importId_class_idx" ON "ReconciliationLine"("importId", "class");
CREATE INDEX "ReconciliationLine_importId_customerId_idx" ON "ReconciliationLine"("importId", "customerId");
CREATE TABLE "ReconciliationLine_default" PARTITION OF "ReconciliationLine" DEFAULT;

INSERT INTO "ReconciliationLine" SELECT * FROM "ReconciliationLine_unpartitioned";
DROP TABLE "ReconciliationLine_unpartitioned";
