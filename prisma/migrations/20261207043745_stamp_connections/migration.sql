-- CreateEnum
CREATE TYPE "IdentitySystem" AS ENUM ('ENTRA', 'ADFS');

-- CreateTable
CREATE TABLE "StampConnection" (
    "id" TEXT NOT NULL,
    "registrationId" TEXT NOT NULL,
    "armEndpoint" TEXT NOT NULL,
    "identitySystem" "IdentitySystem" NOT NULL,
    "tenantId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "credentialKind" TEXT NOT NULL,
    "credentialCiphertext" TEXT NOT NULL,
    "caCertificatePem" TEXT,
    "providerSubscriptionId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StampConnection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "StampConnection_registrationId_key" ON "StampConnection"("registrationId");

-- AddForeignKey
ALTER TABLE "StampConnection" ADD CONSTRAINT "StampConnection_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "Registration"("id") ON DELETE CASCADE ON UPDATE CASCADE;
