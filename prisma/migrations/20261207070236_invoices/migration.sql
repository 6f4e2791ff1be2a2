-- CreateEnum
CREATE TYPE "InvoiceLineKind" AS ENUM ('USAGE', 'ADJUSTMENT', 'DISCOUNT', 'MINIMUM_FEE', 'CREDIT');

-- CreateEnum
CREATE TYPE "InvoiceDeliveryStatus" AS ENUM ('NOT_SENT', 'SENT', 'FAILED');

-- CreateEnum
CREATE TYPE "CustomerCreditKind" AS ENUM ('ONE_TIME_CREDIT', 'RECURRING_CREDIT', 'PERCENT_DISCOUNT', 'MINIMUM_FEE');

-- CreateTable
CREATE TABLE "PartnerBillingSettings" (
    "partnerId" TEXT NOT NULL,
    "legalName" TEXT NOT NULL,
    "address" TEXT NOT NULL DEFAULT '',
    "taxId" TEXT NOT NULL DEFAULT '',
    "logo" BYTEA,
    "logoMimeType" TEXT,
    "invoiceNumberFormat" TEXT NOT NULL DEFAULT 'INV-{year}-{seq:6}',
    "closeGraceDays" INTEGER NOT NULL DEFAULT 3,
    "defaultPaymentTermsDays" INTEGER NOT NULL DEFAULT 30,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PartnerBillingSettings_pkey" PRIMARY KEY ("partnerId")
);

-- CreateTable
CREATE TABLE "CustomerBillingProfile" (
    "customerId" TEXT NOT NULL,
    "legalName" TEXT NOT NULL,
    "address" TEXT NOT NULL DEFAULT '',
    "taxId" TEXT NOT NULL DEFAULT '',
    "taxRatePercent" DECIMAL(7,4) NOT NULL DEFAULT 0,
    "reverseCharge" BOOLEAN NOT NULL DEFAULT false,
    "paymentTermsDays" INTEGER,
    "billingEmails" TEXT[],
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CustomerBillingProfile_pkey" PRIMARY KEY ("customerId")
);

-- CreateTable
CREATE TABLE "BillingPeriodClose" (
    "id" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "period" CHAR(7) NOT NULL,
    "closedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedByUserId" TEXT,
    "reconCsvGzip" BYTEA NOT NULL,
    "reconSha256" TEXT NOT NULL,
    "reconBytes" BIGINT NOT NULL,
    "microsoftCost" DECIMAL(18,2) NOT NULL,
    "revenue" DECIMAL(18,2) NOT NULL,
    "invoiceCount" INTEGER NOT NULL,

    CONSTRAINT "BillingPeriodClose_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InvoiceCounter" (
    "partnerId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "lastNumber" INTEGER NOT NULL,

    CONSTRAINT "InvoiceCounter_pkey" PRIMARY KEY ("partnerId","year")
);

-- CreateTable
CREATE TABLE "Invoice" (
    "id" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "closeId" TEXT NOT NULL,
    "period" CHAR(7) NOT NULL,
    "number" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "issueDate" DATE NOT NULL,
    "dueDate" DATE NOT NULL,
    "currency" TEXT NOT NULL,
    "subtotal" DECIMAL(18,2) NOT NULL,
    "taxRatePercent" DECIMAL(7,4) NOT NULL,
    "taxAmount" DECIMAL(18,2) NOT NULL,
    "total" DECIMAL(18,2) NOT NULL,
    "reverseCharge" BOOLEAN NOT NULL,
    "microsoftCost" DECIMAL(18,2) NOT NULL,
    "billFrom" JSONB NOT NULL,
    "billTo" JSONB NOT NULL,
    "billingEmails" TEXT[],
    "pdf" BYTEA NOT NULL,
    "pdfSha256" TEXT NOT NULL,
    "deliveryStatus" "InvoiceDeliveryStatus" NOT NULL DEFAULT 'NOT_SENT',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Invoice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InvoiceLine" (
    "id" TEXT NOT NULL,
    "invoiceId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" "InvoiceLineKind" NOT NULL,
    "description" TEXT NOT NULL,
    "lineKey" TEXT,
    "meterId" TEXT,
    "unit" TEXT,
    "quantity" DECIMAL(28,10),
    "unitPrice" DECIMAL(24,10),
    "amount" DECIMAL(18,2) NOT NULL,
    "microsoftCost" DECIMAL(18,2) NOT NULL DEFAULT 0,
    "firstDay" TEXT,
    "lastDay" TEXT,
    "refPeriod" CHAR(7),
    "refLineId" TEXT,
    "creditId" TEXT,

    CONSTRAINT "InvoiceLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InvoiceDelivery" (
    "id" TEXT NOT NULL,
    "invoiceId" TEXT NOT NULL,
    "recipients" TEXT[],
    "status" "InvoiceDeliveryStatus" NOT NULL,
    "error" TEXT,
    "messageId" TEXT,
    "sentByUserId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InvoiceDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomerCredit" (
    "id" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "kind" "CustomerCreditKind" NOT NULL,
    "description" TEXT NOT NULL,
    "amount" DECIMAL(18,2),
    "percent" DECIMAL(7,4),
    "startPeriod" CHAR(7) NOT NULL,
    "months" INTEGER,
    "revokedAt" TIMESTAMP(3),
    "createdByUserId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CustomerCredit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BillingPeriodClose_partnerId_period_key" ON "BillingPeriodClose"("partnerId", "period");

-- CreateIndex
CREATE INDEX "Invoice_customerId_period_idx" ON "Invoice"("customerId", "period");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_partnerId_year_sequence_key" ON "Invoice"("partnerId", "year", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_partnerId_number_key" ON "Invoice"("partnerId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_closeId_customerId_key" ON "Invoice"("closeId", "customerId");

-- CreateIndex
CREATE INDEX "InvoiceLine_creditId_idx" ON "InvoiceLine"("creditId");

-- CreateIndex
CREATE UNIQUE INDEX "InvoiceLine_invoiceId_position_key" ON "InvoiceLine"("invoiceId", "position");

-- CreateIndex
CREATE INDEX "InvoiceDelivery_invoiceId_createdAt_idx" ON "InvoiceDelivery"("invoiceId", "createdAt");

-- CreateIndex
CREATE INDEX "CustomerCredit_customerId_idx" ON "CustomerCredit"("customerId");

-- AddForeignKey
ALTER TABLE "PartnerBillingSettings" ADD CONSTRAINT "PartnerBillingSettings_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerBillingProfile" ADD CONSTRAINT "CustomerBillingProfile_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BillingPeriodClose" ADD CONSTRAINT "BillingPeriodClose_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvoiceCounter" ADD CONSTRAINT "InvoiceCounter_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_closeId_fkey" FOREIGN KEY ("closeId") REFERENCES "BillingPeriodClose"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvoiceLine" ADD CONSTRAINT "InvoiceLine_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvoiceDelivery" ADD CONSTRAINT "InvoiceDelivery_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerCredit" ADD CONSTRAINT "CustomerCredit_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerCredit" ADD CONSTRAINT "CustomerCredit_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
