-- AlterTable
ALTER TABLE "Partner" ADD COLUMN     "directoryTenantId" UUID;

-- AlterTable
ALTER TABLE "RatedUsageLine" ADD COLUMN     "eventStart" TIMESTAMPTZ(3),
ADD COLUMN     "tags" JSONB,
ADD COLUMN     "tagsAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE UNIQUE INDEX "Partner_directoryTenantId_key" ON "Partner"("directoryTenantId");
