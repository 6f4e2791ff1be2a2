-- AlterTable
ALTER TABLE "Registration" ADD COLUMN     "hasDailyUsage" BOOLEAN NOT NULL DEFAULT false;
