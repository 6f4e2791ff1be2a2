-- AlterTable
ALTER TABLE "Registration" ADD COLUMN     "marketplaceSyndicationEnabled" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "tags" JSONB NOT NULL DEFAULT '{}';
