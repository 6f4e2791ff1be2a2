-- UsageRecord's natural key (registration, local subscription, local meter, resource URI, usage
-- start) becomes (usageStart, seriesKey): seriesKey is md5 of the first four as a uuid
-- (lib/usage/usage-series-key.ts: the same formula as below), a 24-byte key instead of the wide
-- URI text index, and it is the primary key (the bigint id and its sequence go: nothing read them
-- but the purge, which now walks this key). The separate usageStart index goes too: the key leads
-- with usageStart. Existing rows are keyed by the same formula before the key is built.

-- DropIndex
DROP INDEX "UsageRecord_registrationId_localSubscriptionId_localMeterId_key";

-- DropIndex
DROP INDEX "UsageRecord_usageStart_idx";

-- AlterTable (hand-edited: the column is backfilled before it becomes NOT NULL and the key)
ALTER TABLE "UsageRecord" DROP CONSTRAINT "UsageRecord_pkey",
DROP COLUMN "id",
ADD COLUMN     "seriesKey" UUID;

UPDATE "UsageRecord"
   SET "seriesKey" = md5("registrationId" || '|' || "localMeterId"::text || '|' || octet_length("localSubscriptionId") || '|' || "localSubscriptionId" || '|' || "resourceUri")::uuid;

ALTER TABLE "UsageRecord" ALTER COLUMN "seriesKey" SET NOT NULL,
ADD CONSTRAINT "UsageRecord_pkey" PRIMARY KEY ("usageStart", "seriesKey");
