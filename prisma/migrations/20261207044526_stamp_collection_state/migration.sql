-- AlterTable
ALTER TABLE "StampConnection" ADD COLUMN     "highWaterMark" TIMESTAMPTZ(3),
ADD COLUMN     "lastError" TEXT,
ADD COLUMN     "lastErrorAt" TIMESTAMPTZ(3),
ADD COLUMN     "lastPullAt" TIMESTAMPTZ(3),
ADD COLUMN     "lastSuccessAt" TIMESTAMPTZ(3),
ADD COLUMN     "leaseHolder" TEXT,
ADD COLUMN     "leaseUntil" TIMESTAMPTZ(3),
ADD COLUMN     "newestUsageHour" TIMESTAMPTZ(3);
