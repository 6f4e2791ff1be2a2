-- CreateIndex
CREATE INDEX "RatedUsageDaily_usageDate_idx" ON "RatedUsageDaily"("usageDate");
