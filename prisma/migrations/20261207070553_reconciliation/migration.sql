-- CreateEnum
CREATE TYPE "ReconciliationFormat" AS ENUM ('DAILY_RATED', 'LEGACY');

-- CreateEnum
CREATE TYPE "ReconciliationImportState" AS ENUM ('STAGING', 'IMPORTED', 'REVIEWED');

-- CreateEnum
CREATE TYPE "ReconciliationClass" AS ENUM ('MATCHED', 'QUANTITY_DIFFERS', 'PRICE_DIFFERS', 'BILLED_NOT_REPORTED', 'REPORTED_NOT_BILLED', 'UNREGISTERED_TENANT', 'FOREIGN_SUBSCRIPTION');

-- CreateTable
CREATE TABLE "ReconciliationImport" (
    "id" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileHash" TEXT NOT NULL,
    "format" "ReconciliationFormat" NOT NULL,
    "currency" TEXT,
    "state" "ReconciliationImportState" NOT NULL DEFAULT 'STAGING',
    "current" BOOLEAN NOT NULL DEFAULT false,
    "linesRead" INTEGER NOT NULL DEFAULT 0,
    "azureStackLines" INTEGER NOT NULL DEFAULT 0,
    "setAsideLines" INTEGER NOT NULL DEFAULT 0,
    "quantityTolerancePercent" DECIMAL(9,4) NOT NULL DEFAULT 0,
    "importedById" TEXT,
    "importedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "supersededAt" TIMESTAMPTZ(3),
    "reviewedById" TEXT,
    "reviewedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ReconciliationImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReconciliationBilledLine" (
    "importId" TEXT NOT NULL,
    "lineNumber" INTEGER NOT NULL,
    "subscriptionId" UUID NOT NULL,
    "meterId" UUID NOT NULL,
    "resourceUri" TEXT NOT NULL,
    "usageDate" DATE NOT NULL,
    "eventDate" DATE,
    "localSubscriptionId" TEXT,
    "customerTenantId" TEXT,
    "quantity" DECIMAL(28,10) NOT NULL,
    "unitPrice" DECIMAL(24,10) NOT NULL,
    "total" DECIMAL(28,10) NOT NULL,

    CONSTRAINT "ReconciliationBilledLine_pkey" PRIMARY KEY ("importId","lineNumber")
) PARTITION BY LIST ("importId");

-- Each import's lines are COPYed into a table of their own, with no index, then keyed in bulk and
-- attached as the import's partition (lib/reconciliation/stage-reconciliation-file.ts); a refused or
-- duplicate import is dropped whole. Rows written otherwise go to the DEFAULT partition.
-- schema.prisma cannot say "partitioned": hand-written, as for "PriceListItem".
CREATE TABLE "ReconciliationBilledLine_default" PARTITION OF "ReconciliationBilledLine" DEFAULT;

-- CreateTable
CREATE TABLE "ReconciliationLine" (
    "id" BIGSERIAL NOT NULL,
    "importId" TEXT NOT NULL,
    "class" "ReconciliationClass" NOT NULL,
    "subscriptionId" UUID NOT NULL,
    "meterId" UUID NOT NULL,
    "resourceUri" TEXT NOT NULL,
    "usageDate" DATE NOT NULL,
    "customerId" TEXT,
    "registrationId" TEXT,
    "tenantId" TEXT,
    "billedQuantity" DECIMAL(28,10),
    "ratedQuantity" DECIMAL(28,10),
    "billedUnitPrice" DECIMAL(24,10),
    "ratedUnitPrice" DECIMAL(24,10),
    "billedTotal" DECIMAL(28,2) NOT NULL DEFAULT 0,
    "ratedTotal" DECIMAL(28,2) NOT NULL DEFAULT 0,
    "moneyAtStake" DECIMAL(28,2) NOT NULL DEFAULT 0,

    CONSTRAINT "ReconciliationLine_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReconciliationImport_partnerId_period_current_idx" ON "ReconciliationImport"("partnerId", "period", "current");

-- CreateIndex
CREATE INDEX "ReconciliationImport_partnerId_period_fileHash_idx" ON "ReconciliationImport"("partnerId", "period", "fileHash");

-- CreateIndex
CREATE INDEX "ReconciliationLine_importId_class_idx" ON "ReconciliationLine"("importId", "class");

-- CreateIndex
CREATE INDEX "ReconciliationLine_importId_customerId_idx" ON "ReconciliationLine"("importId", "customerId");
