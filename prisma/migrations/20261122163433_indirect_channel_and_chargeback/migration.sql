-- CreateEnum
CREATE TYPE "RateCardLevel" AS ENUM ('DEFAULT', 'RESELLER', 'CUSTOMER');

-- CreateTable
CREATE TABLE "UserInvitation" (
    "id" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "role" "UserRole" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdByUserId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "acceptedAt" TIMESTAMP(3),
    "acceptedUserId" TEXT,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "UserInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomerOwnershipPeriod" (
    "id" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "ownedFrom" TIMESTAMPTZ(3) NOT NULL,
    "ownedUntil" TIMESTAMPTZ(3),
    "movedByUserId" TEXT,
    "note" TEXT,

    CONSTRAINT "CustomerOwnershipPeriod_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateCard" (
    "id" TEXT NOT NULL,
    "ownerPartnerId" TEXT NOT NULL,
    "level" "RateCardLevel" NOT NULL,
    "resellerId" TEXT,
    "customerId" TEXT,
    "subjectKey" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RateCard_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateCardVersion" (
    "id" TEXT NOT NULL,
    "rateCardId" TEXT NOT NULL,
    "effectiveFrom" DATE NOT NULL,
    "defaultMarkupPercent" DECIMAL(9,4),
    "note" TEXT,
    "createdByUserId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RateCardVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateCardEntry" (
    "id" BIGSERIAL NOT NULL,
    "versionId" TEXT NOT NULL,
    "commerceMeterId" UUID,
    "markupPercent" DECIMAL(9,4),
    "localMeterId" UUID,
    "unitPrice" DECIMAL(24,10),

    CONSTRAINT "RateCardEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomerBudget" (
    "customerId" TEXT NOT NULL,
    "monthlyAmount" DECIMAL(18,2) NOT NULL,
    "currency" TEXT NOT NULL,
    "updatedByUserId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CustomerBudget_pkey" PRIMARY KEY ("customerId")
);

-- CreateIndex
CREATE UNIQUE INDEX "UserInvitation_tokenHash_key" ON "UserInvitation"("tokenHash");

-- CreateIndex
CREATE INDEX "UserInvitation_partnerId_createdAt_idx" ON "UserInvitation"("partnerId", "createdAt");

-- CreateIndex
CREATE INDEX "UserInvitation_email_idx" ON "UserInvitation"("email");

-- CreateIndex
CREATE INDEX "CustomerOwnershipPeriod_customerId_ownedFrom_idx" ON "CustomerOwnershipPeriod"("customerId", "ownedFrom");

-- CreateIndex
CREATE INDEX "CustomerOwnershipPeriod_partnerId_idx" ON "CustomerOwnershipPeriod"("partnerId");

-- CreateIndex
CREATE INDEX "RateCard_resellerId_idx" ON "RateCard"("resellerId");

-- CreateIndex
CREATE INDEX "RateCard_customerId_idx" ON "RateCard"("customerId");

-- CreateIndex
CREATE UNIQUE INDEX "RateCard_ownerPartnerId_subjectKey_key" ON "RateCard"("ownerPartnerId", "subjectKey");

-- CreateIndex
CREATE UNIQUE INDEX "RateCardVersion_rateCardId_effectiveFrom_key" ON "RateCardVersion"("rateCardId", "effectiveFrom");

-- CreateIndex
CREATE UNIQUE INDEX "RateCardEntry_versionId_commerceMeterId_key" ON "RateCardEntry"("versionId", "commerceMeterId");

-- CreateIndex
CREATE UNIQUE INDEX "RateCardEntry_versionId_localMeterId_key" ON "RateCardEntry"("versionId", "localMeterId");

-- AddForeignKey
ALTER TABLE "UserInvitation" ADD CONSTRAINT "UserInvitation_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerOwnershipPeriod" ADD CONSTRAINT "CustomerOwnershipPeriod_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerOwnershipPeriod" ADD CONSTRAINT "CustomerOwnershipPeriod_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RateCard" ADD CONSTRAINT "RateCard_ownerPartnerId_fkey" FOREIGN KEY ("ownerPartnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RateCard" ADD CONSTRAINT "RateCard_resellerId_fkey" FOREIGN KEY ("resellerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RateCard" ADD CONSTRAINT "RateCard_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RateCardVersion" ADD CONSTRAINT "RateCardVersion_rateCardId_fkey" FOREIGN KEY ("rateCardId") REFERENCES "RateCard"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RateCardEntry" ADD CONSTRAINT "RateCardEntry_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "RateCardVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerBudget" ADD CONSTRAINT "CustomerBudget_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: every existing customer has been owned by its current partner since it was created.
INSERT INTO "CustomerOwnershipPeriod" ("id", "customerId", "partnerId", "ownedFrom")
SELECT 'own_' || c."id", c."id", c."partnerId", c."createdAt" FROM "Customer" c;
