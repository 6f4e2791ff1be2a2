-- AlterEnum
ALTER TYPE "PriceListVersionStatus" ADD VALUE 'ABANDONED';

-- AlterTable
ALTER TABLE "PriceListVersion" ADD COLUMN     "abandonedAt" TIMESTAMP(3),
ADD COLUMN     "heartbeatAt" TIMESTAMP(3),
ADD COLUMN     "importHost" TEXT,
ADD COLUMN     "importPid" INTEGER;
