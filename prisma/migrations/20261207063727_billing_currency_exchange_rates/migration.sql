-- AlterTable
ALTER TABLE "Partner" ADD COLUMN     "billingCurrency" CHAR(3);

-- CreateTable
CREATE TABLE "ExchangeRate" (
    "partnerId" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "pricingCurrency" CHAR(3) NOT NULL,
    "billingCurrency" CHAR(3) NOT NULL,
    "rate" DECIMAL(20,10) NOT NULL,
    "rateDate" DATE NOT NULL,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "importedById" TEXT,

    CONSTRAINT "ExchangeRate_pkey" PRIMARY KEY ("partnerId","month","pricingCurrency","billingCurrency")
);

-- AddForeignKey
ALTER TABLE "ExchangeRate" ADD CONSTRAINT "ExchangeRate_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;
