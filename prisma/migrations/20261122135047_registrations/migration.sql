-- CreateEnum
CREATE TYPE "BillingModel" AS ENUM ('PAY_AS_YOU_USE', 'CAPACITY');

-- CreateEnum
CREATE TYPE "MultiTenancyState" AS ENUM ('NOT_REQUESTED', 'PENDING', 'APPROVED', 'REJECTED');

-- CreateTable
CREATE TABLE "Registration" (
    "id" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "resourceGroup" TEXT NOT NULL,
    "subscriptionId" UUID NOT NULL,
    "cloudDeploymentId" UUID NOT NULL,
    "objectId" UUID NOT NULL,
    "stampName" TEXT NOT NULL,
    "stampRegion" TEXT NOT NULL,
    "billingModel" "BillingModel" NOT NULL,
    "agreementNumber" TEXT,
    "usageReportingEnabled" BOOLEAN NOT NULL,
    "multiTenancyState" "MultiTenancyState" NOT NULL DEFAULT 'NOT_REQUESTED',
    "multiTenancyRequestedAt" TIMESTAMP(3),
    "multiTenancyDecidedAt" TIMESTAMP(3),
    "multiTenancyDecisionNote" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Registration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomerSubscriptionRegistration" (
    "id" TEXT NOT NULL,
    "registrationId" TEXT NOT NULL,
    "customerSubscriptionId" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CustomerSubscriptionRegistration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdByUserId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Registration_cloudDeploymentId_key" ON "Registration"("cloudDeploymentId");

-- CreateIndex
CREATE UNIQUE INDEX "Registration_objectId_key" ON "Registration"("objectId");

-- CreateIndex
CREATE INDEX "Registration_partnerId_idx" ON "Registration"("partnerId");

-- CreateIndex
CREATE INDEX "Registration_multiTenancyState_idx" ON "Registration"("multiTenancyState");

-- CreateIndex
CREATE UNIQUE INDEX "Registration_subscriptionId_resourceGroup_name_key" ON "Registration"("subscriptionId", "resourceGroup", "name");

-- CreateIndex
CREATE INDEX "CustomerSubscriptionRegistration_customerSubscriptionId_idx" ON "CustomerSubscriptionRegistration"("customerSubscriptionId");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerSubscriptionRegistration_registrationId_tenantId_key" ON "CustomerSubscriptionRegistration"("registrationId", "tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerSubscriptionRegistration_registrationId_customerSub_key" ON "CustomerSubscriptionRegistration"("registrationId", "customerSubscriptionId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_partnerId_idx" ON "ApiToken"("partnerId");

-- AddForeignKey
ALTER TABLE "Registration" ADD CONSTRAINT "Registration_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Registration" ADD CONSTRAINT "Registration_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "AzureSubscription"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerSubscriptionRegistration" ADD CONSTRAINT "CustomerSubscriptionRegistration_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "Registration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerSubscriptionRegistration" ADD CONSTRAINT "CustomerSubscriptionRegistration_customerSubscriptionId_fkey" FOREIGN KEY ("customerSubscriptionId") REFERENCES "AzureSubscription"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_createdByUserId_fkey" FOREIGN KEY ("createdByUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
