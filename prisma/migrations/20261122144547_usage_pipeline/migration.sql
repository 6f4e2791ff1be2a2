-- CreateTable
CREATE TABLE "IngestionKey" (
    "id" TEXT NOT NULL,
    "registrationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "createdByUserId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "IngestionKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LocalSubscription" (
    "registrationId" TEXT NOT NULL,
    "localSubscriptionId" TEXT NOT NULL,
    "ownerTenantId" UUID,
    "isProviderSubscription" BOOLEAN NOT NULL DEFAULT false,
    "displayName" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LocalSubscription_pkey" PRIMARY KEY ("registrationId","localSubscriptionId")
);

-- CreateTable
CREATE TABLE "UsageBatch" (
    "id" TEXT NOT NULL,
    "registrationId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "recordCount" INTEGER NOT NULL,
    "accepted" INTEGER NOT NULL,
    "duplicate" INTEGER NOT NULL,
    "corrected" INTEGER NOT NULL,
    "rejected" INTEGER NOT NULL,
    "durationMs" INTEGER NOT NULL,

    CONSTRAINT "UsageBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UsageRejection" (
    "id" BIGSERIAL NOT NULL,
    "batchId" TEXT NOT NULL,
    "registrationId" TEXT NOT NULL,
    "recordIndex" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "record" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UsageRejection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UsageRecord" (
    "id" BIGSERIAL NOT NULL,
    "registrationId" TEXT NOT NULL,
    "localSubscriptionId" TEXT NOT NULL,
    "localMeterId" UUID NOT NULL,
    "resourceUri" TEXT NOT NULL,
    "usageStart" TIMESTAMPTZ(3) NOT NULL,
    "usageEnd" TIMESTAMPTZ(3) NOT NULL,
    "quantity" DECIMAL(28,10) NOT NULL,
    "location" TEXT,
    "additionalInfo" JSONB,
    "tags" JSONB,
    "azureSubscriptionId" UUID NOT NULL,
    "mappedTenantId" UUID,
    "unregisteredTenant" BOOLEAN NOT NULL DEFAULT false,
    "providerUsage" BOOLEAN NOT NULL DEFAULT false,
    "commerceMeterId" UUID,
    "commerceQuantity" DECIMAL(28,10),
    "usageDate" DATE NOT NULL,
    "redated" BOOLEAN NOT NULL DEFAULT false,
    "batchId" TEXT,
    "ingestedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "correctedAt" TIMESTAMPTZ(3),

    CONSTRAINT "UsageRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RatedUsageLine" (
    "id" BIGSERIAL NOT NULL,
    "registrationId" TEXT NOT NULL,
    "azureSubscriptionId" UUID NOT NULL,
    "commerceMeterId" UUID NOT NULL,
    "resourceUri" TEXT NOT NULL,
    "usageDate" DATE NOT NULL,
    "eventDate" DATE NOT NULL,
    "localMeterId" UUID NOT NULL,
    "localSubscriptionId" TEXT NOT NULL,
    "mappedTenantId" UUID,
    "unregisteredTenant" BOOLEAN NOT NULL DEFAULT false,
    "location" TEXT,
    "quantity" DECIMAL(28,10) NOT NULL,
    "market" TEXT,
    "currency" TEXT,
    "unitPrice" DECIMAL(24,10),
    "priceListVersionId" TEXT,
    "pretaxAmount" DECIMAL(28,10),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RatedUsageLine_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "IngestionKey_keyHash_key" ON "IngestionKey"("keyHash");

-- CreateIndex
CREATE INDEX "IngestionKey_registrationId_idx" ON "IngestionKey"("registrationId");

-- CreateIndex
CREATE INDEX "UsageBatch_registrationId_receivedAt_idx" ON "UsageBatch"("registrationId", "receivedAt");

-- CreateIndex
CREATE INDEX "UsageRejection_registrationId_createdAt_idx" ON "UsageRejection"("registrationId", "createdAt");

-- CreateIndex
CREATE INDEX "UsageRecord_registrationId_usageDate_idx" ON "UsageRecord"("registrationId", "usageDate");

-- CreateIndex
CREATE INDEX "UsageRecord_usageStart_idx" ON "UsageRecord"("usageStart");

-- CreateIndex
CREATE UNIQUE INDEX "UsageRecord_registrationId_localSubscriptionId_localMeterId_key" ON "UsageRecord"("registrationId", "localSubscriptionId", "localMeterId", "resourceUri", "usageStart");

-- CreateIndex
CREATE INDEX "RatedUsageLine_azureSubscriptionId_usageDate_idx" ON "RatedUsageLine"("azureSubscriptionId", "usageDate");

-- CreateIndex
CREATE INDEX "RatedUsageLine_registrationId_usageDate_idx" ON "RatedUsageLine"("registrationId", "usageDate");

-- CreateIndex
CREATE UNIQUE INDEX "RatedUsageLine_registrationId_azureSubscriptionId_commerceM_key" ON "RatedUsageLine"("registrationId", "azureSubscriptionId", "commerceMeterId", "resourceUri", "usageDate", "eventDate", "localSubscriptionId");

-- AddForeignKey
ALTER TABLE "IngestionKey" ADD CONSTRAINT "IngestionKey_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "Registration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LocalSubscription" ADD CONSTRAINT "LocalSubscription_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "Registration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsageBatch" ADD CONSTRAINT "UsageBatch_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "Registration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsageRejection" ADD CONSTRAINT "UsageRejection_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "UsageBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;
