-- AlterTable
ALTER TABLE "AlertSettings" ADD COLUMN     "budgetOnActual" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "budgetOnForecast" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "emailEnabled" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "notifyCustomerUsers" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "AlertDailyRun" (
    "day" DATE NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),
    "raised" INTEGER,

    CONSTRAINT "AlertDailyRun_pkey" PRIMARY KEY ("day")
);
