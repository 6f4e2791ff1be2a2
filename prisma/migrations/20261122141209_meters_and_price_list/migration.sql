-- CreateEnum
CREATE TYPE "MeterAudience" AS ENUM ('TENANT', 'ADMIN');

-- CreateEnum
CREATE TYPE "QuantityConversion" AS ENUM ('IDENTITY', 'GB_HOURS_TO_GB_MONTH');

-- CreateEnum
CREATE TYPE "PriceListVersionStatus" AS ENUM ('IMPORTING', 'PUBLISHED');

-- CreateTable
CREATE TABLE "LocalMeter" (
    "id" UUID NOT NULL,
    "displayId" TEXT NOT NULL,
    "resourceProvider" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "description" TEXT NOT NULL,

    CONSTRAINT "LocalMeter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommerceMeter" (
    "id" UUID NOT NULL,
    "serviceName" TEXT NOT NULL,
    "serviceType" TEXT,
    "resourceName" TEXT NOT NULL,
    "unitOfMeasure" TEXT NOT NULL,
    "audience" "MeterAudience" NOT NULL,

    CONSTRAINT "CommerceMeter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LocalMeterMapping" (
    "localMeterId" UUID NOT NULL,
    "tenantCommerceMeterId" UUID NOT NULL,
    "adminCommerceMeterId" UUID NOT NULL,
    "conversion" "QuantityConversion" NOT NULL,

    CONSTRAINT "LocalMeterMapping_pkey" PRIMARY KEY ("localMeterId")
);

-- CreateTable
CREATE TABLE "PriceListVersion" (
    "id" TEXT NOT NULL,
    "effectiveFrom" DATE NOT NULL,
    "status" "PriceListVersionStatus" NOT NULL DEFAULT 'IMPORTING',
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "sourceFileName" TEXT NOT NULL,
    "rowCount" INTEGER NOT NULL DEFAULT 0,
    "importedByUserId" TEXT,
    "importedByEmail" TEXT,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMP(3),

    CONSTRAINT "PriceListVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PriceListVersionMarket" (
    "versionId" TEXT NOT NULL,
    "market" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "rowCount" INTEGER NOT NULL,

    CONSTRAINT "PriceListVersionMarket_pkey" PRIMARY KEY ("versionId","market")
);

-- CreateTable
CREATE TABLE "PriceListFacet" (
    "id" BIGSERIAL NOT NULL,
    "versionId" TEXT NOT NULL,
    "market" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "meterCategory" TEXT NOT NULL,
    "effectiveStartDate" DATE NOT NULL,
    "effectiveEndDate" DATE,
    "rowCount" INTEGER NOT NULL,

    CONSTRAINT "PriceListFacet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PriceListItem" (
    "id" BIGSERIAL NOT NULL,
    "versionId" TEXT NOT NULL,
    "sourceLine" INTEGER NOT NULL,
    "productId" TEXT NOT NULL,
    "productTitle" TEXT NOT NULL,
    "skuId" TEXT NOT NULL,
    "skuTitle" TEXT NOT NULL,
    "publisher" TEXT NOT NULL,
    "skuDescription" TEXT NOT NULL,
    "unitOfMeasure" TEXT NOT NULL,
    "termDuration" TEXT NOT NULL,
    "market" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "unitPrice" DECIMAL(24,10) NOT NULL,
    "tierMin" DECIMAL(24,6) NOT NULL DEFAULT 0,
    "tierMax" DECIMAL(24,6),
    "effectiveStartDate" DATE NOT NULL,
    "effectiveEndDate" DATE,
    "meterId" UUID NOT NULL,
    "meterIds" TEXT NOT NULL,
    "meterType" TEXT NOT NULL,
    "meterName" TEXT NOT NULL,
    "meterCategory" TEXT NOT NULL,
    "meterSubCategory" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "tags" TEXT NOT NULL,
    "searchText" TEXT NOT NULL,

    CONSTRAINT "PriceListItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LocalMeter_resourceProvider_name_idx" ON "LocalMeter"("resourceProvider", "name");

-- CreateIndex
CREATE INDEX "LocalMeterMapping_tenantCommerceMeterId_idx" ON "LocalMeterMapping"("tenantCommerceMeterId");

-- CreateIndex
CREATE INDEX "LocalMeterMapping_adminCommerceMeterId_idx" ON "LocalMeterMapping"("adminCommerceMeterId");

-- CreateIndex
CREATE INDEX "PriceListVersion_status_effectiveFrom_idx" ON "PriceListVersion"("status", "effectiveFrom");

-- CreateIndex
CREATE INDEX "PriceListVersionMarket_market_idx" ON "PriceListVersionMarket"("market");

-- CreateIndex
CREATE INDEX "PriceListFacet_versionId_market_idx" ON "PriceListFacet"("versionId", "market");

-- CreateIndex
CREATE INDEX "PriceListItem_versionId_market_region_productTitle_skuTitle_idx" ON "PriceListItem"("versionId", "market", "region", "productTitle", "skuTitle", "id");

-- CreateIndex
CREATE INDEX "PriceListItem_versionId_market_productTitle_skuTitle_id_idx" ON "PriceListItem"("versionId", "market", "productTitle", "skuTitle", "id");

-- CreateIndex
CREATE INDEX "PriceListItem_meterId_market_idx" ON "PriceListItem"("meterId", "market");

-- AddForeignKey
ALTER TABLE "LocalMeterMapping" ADD CONSTRAINT "LocalMeterMapping_localMeterId_fkey" FOREIGN KEY ("localMeterId") REFERENCES "LocalMeter"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LocalMeterMapping" ADD CONSTRAINT "LocalMeterMapping_tenantCommerceMeterId_fkey" FOREIGN KEY ("tenantCommerceMeterId") REFERENCES "CommerceMeter"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LocalMeterMapping" ADD CONSTRAINT "LocalMeterMapping_adminCommerceMeterId_fkey" FOREIGN KEY ("adminCommerceMeterId") REFERENCES "CommerceMeter"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PriceListVersionMarket" ADD CONSTRAINT "PriceListVersionMarket_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "PriceListVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PriceListFacet" ADD CONSTRAINT "PriceListFacet_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "PriceListVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PriceListItem" ADD CONSTRAINT "PriceListItem_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "PriceListVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Meter catalog (generated by scripts/generate-meter-catalog-sql.ts from ../shared/reference)

INSERT INTO "LocalMeter" ("id", "displayId", "resourceProvider", "name", "unit", "description") VALUES
('f271a8a3-88c4-4d93-956a-063e1d2fa80b', 'F271A8A388C44D93956A063E1D2FA80B', 'Network', 'Static IP Address Usage', 'IP Address Hours', 'Count of IP addresses used'),
('9e2739ba-8674-4796-b465-f64674b822ba', '9E2739BA86744796B465F64674B822BA', 'Network', 'Dynamic IP Address Usage', 'IP Address Hours', 'Count of IP addresses used'),
('b4438d5d-453b-4ee1-b42a-dc72e377f1e4', 'B4438D5D-453B-4EE1-B42A-DC72E377F1E4', 'Storage', 'TableCapacity', 'GB*hours', 'Total capacity consumed by tables'),
('b5c15376-6c94-4fdd-b655-1a69d138aca3', 'B5C15376-6C94-4FDD-B655-1A69D138ACA3', 'Storage', 'PageBlobCapacity', 'GB*hours', 'Total capacity consumed by page blobs'),
('b03c6ae7-b080-4bfa-84a3-22c800f315c6', 'B03C6AE7-B080-4BFA-84A3-22C800F315C6', 'Storage', 'QueueCapacity', 'GB*hours', 'Total capacity consumed by queues'),
('09f8879e-87e9-4305-a572-4b7be209f857', '09F8879E-87E9-4305-A572-4B7BE209F857', 'Storage', 'BlockBlobCapacity', 'GB*hours', 'Total capacity consumed by block blobs'),
('b9ff3cd0-28aa-4762-84bb-ff8fbaea6a90', 'B9FF3CD0-28AA-4762-84BB-FF8FBAEA6A90', 'Storage', 'TableTransactions', 'Requests in 10000s', 'Table service requests'),
('50a1aeaf-8eca-48a0-8973-a5b3077fee0d', '50A1AEAF-8ECA-48A0-8973-A5B3077FEE0D', 'Storage', 'TableDataTransIn', 'Ingress data in GB', 'Table service data ingress'),
('1b8c1dec-ee42-414b-aa36-6229cf199370', '1B8C1DEC-EE42-414B-AA36-6229CF199370', 'Storage', 'TableDataTransOut', 'Egress in GB', 'Table service data egress'),
('43daf82b-4618-444a-b994-40c23f7cd438', '43DAF82B-4618-444A-B994-40C23F7CD438', 'Storage', 'BlobTransactions', 'Requests in 10000s', 'Blob service requests'),
('9764f92c-e44a-498e-8dc1-aad66587a810', '9764F92C-E44A-498E-8DC1-AAD66587A810', 'Storage', 'BlobDataTransIn', 'Ingress data in GB', 'Blob service data ingress'),
('3023fef4-eca5-4d7b-87b3-cfbc061931e8', '3023FEF4-ECA5-4D7B-87B3-CFBC061931E8', 'Storage', 'BlobDataTransOut', 'Egress in GB', 'Blob service data egress'),
('eb43dd12-1aa6-4c4b-872c-faf15a6785ea', 'EB43DD12-1AA6-4C4B-872C-FAF15A6785EA', 'Storage', 'QueueTransactions', 'Requests in 10000s', 'Queue service requests'),
('e518e809-e369-4a45-9274-2017b29fff25', 'E518E809-E369-4A45-9274-2017B29FFF25', 'Storage', 'QueueDataTransIn', 'Ingress data in GB', 'Queue service data ingress'),
('dd0a10ba-a5d6-4cb6-88c0-7d585cef9fc2', 'DD0A10BA-A5D6-4CB6-88C0-7D585CEF9FC2', 'Storage', 'QueueDataTransOut', 'Egress in GB', 'Queue service data egress'),
('fab6eb84-500b-4a09-a8ca-7358f8bbaea5', 'FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5', 'Compute', 'Base VM Size Hours', 'Virtual core hours', 'Number of vcores times hours the VM ran'),
('9cd92d4c-bafd-4492-b278-bedc2de8232a', '9CD92D4C-BAFD-4492-B278-BEDC2DE8232A', 'Compute', 'Windows VM Size Hours', 'Virtual core hours', 'Number of vcores times hours the Windows VM ran'),
('6dab500f-a4fd-49c4-956d-229bb9c8c793', '6DAB500F-A4FD-49C4-956D-229BB9C8C793', 'Compute', 'VM size hours', 'VM hours', 'Captures both Base and Windows VM; does not adjust for vcores'),
('ebf13b9f-b3ea-46fe-bf54-396e93d48ab4', 'EBF13B9F-B3EA-46FE-BF54-396E93D48AB4', 'Key Vault', 'Key Vault transactions', 'Requests in 10000s', 'REST API requests received by Key Vault data plane'),
('2c354225-b2fe-42e5-ad89-14f0ea302c87', '2C354225-B2FE-42E5-AD89-14F0EA302C87', 'Key Vault', 'Advanced keys transactions', 'Requests in 10000s', 'Advanced key operations'),
('cbcfef9a-b91f-4597-a4d3-01fe334bed82', 'CBCFEF9A-B91F-4597-A4D3-01FE334BED82', 'SQL RP', 'DatabaseSizeHourSqlMeter', 'MB*hours', 'Total capacity of SQL databases'),
('e6d8cfcd-7734-495e-b1cc-5ab0b9c24bd3', 'E6D8CFCD-7734-495E-B1CC-5AB0B9C24BD3', 'MySQL RP', 'DatabaseSizeHourMySqlMeter', 'MB*hours', 'Total capacity of MySQL databases'),
('cb6a35c5-fade-406c-b14d-6ddb7c4ca3d5', 'CB6A35C5-FADE-406C-B14D-6DDB7C4CA3D5', 'Event Hubs', '1 Core', 'Core hours', 'Event Hubs cluster cores'),
('190c935e-9ada-48ff-9ab8-56ea1cf9adaa', '190C935E-9ADA-48FF-9AB8-56EA1CF9ADAA', 'App Service', 'App Service', 'Virtual core hours', 'vcores used by App Service worker roles'),
('67cc4afc-0691-48e1-a4b8-d744d1fedbde', '67CC4AFC-0691-48E1-A4B8-D744D1FEDBDE', 'App Service', 'Functions Requests', '10 requests', 'Total Functions executions'),
('d1d04836-075c-4f27-bf65-0a1130ec60ed', 'D1D04836-075C-4F27-BF65-0A1130EC60ED', 'App Service', 'Functions - Compute', 'GB-s', 'Functions compute'),
('957e9f36-2c14-45a1-b6a1-1723ef71a01d', '957E9F36-2C14-45A1-B6A1-1723EF71A01D', 'App Service', 'Shared App Service Hours', 'Hours', 'Shared App Service plan hours'),
('539cdec7-b4f5-49f6-aac4-1f15cff0eda9', '539CDEC7-B4F5-49F6-AAC4-1F15CFF0EDA9', 'App Service', 'Free App Service Hours', 'Hours', 'Free App Service plan hours'),
('88039d51-a206-3a89-e9de-c5117e2d10a6', '88039D51-A206-3A89-E9DE-C5117E2D10A6', 'App Service', 'Small Standard App Service Hours', 'Hours', 'Standard small worker hours'),
('83a2a13e-4788-78dd-5d55-2831b68ed825', '83A2A13E-4788-78DD-5D55-2831B68ED825', 'App Service', 'Medium Standard App Service Hours', 'Hours', 'Standard medium worker hours'),
('1083b9db-e9bb-24be-a5e9-d6fdd0ddefe6', '1083B9DB-E9BB-24BE-A5E9-D6FDD0DDEFE6', 'App Service', 'Large Standard App Service Hours', 'Hours', 'Standard large worker hours'),
('264acb47-ad38-47f8-add3-47f01dc4f473', '264ACB47-AD38-47F8-ADD3-47F01DC4F473', 'App Service', 'SNI SSL', 'Per binding', 'SNI SSL bindings'),
('60b42d72-dc1c-472c-9895-6c516277edb4', '60B42D72-DC1C-472C-9895-6C516277EDB4', 'App Service', 'IP SSL', 'Per binding', 'IP SSL bindings'),
('73215a6c-fa54-4284-b9c1-7e8ec871cc5b', '73215A6C-FA54-4284-B9C1-7E8EC871CC5B', 'App Service', 'Web Process', 'Per active site per hour', 'Active web sites'),
('5887d39b-0253-4e12-83c7-03e1a93dffd9', '5887D39B-0253-4E12-83C7-03E1A93DFFD9', 'App Service', 'External Egress Bandwidth', 'GB', 'Outbound bandwidth'),
('380874f9-300c-48e0-95a0-d2d9a21ade8f', '380874f9-300c-48e0-95a0-d2d9a21ade8f', 'Managed Disks', 'Standard Managed Disk S4', 'Disk*month', 'S4 standard disks'),
('1b77d90f-427b-4435-b4f1-d78adec53222', '1b77d90f-427b-4435-b4f1-d78adec53222', 'Managed Disks', 'Standard Managed Disk S6', 'Disk*month', 'S6 standard disks'),
('d5f7731b-f639-404a-89d0-e46186e22c8d', 'd5f7731b-f639-404a-89d0-e46186e22c8d', 'Managed Disks', 'Standard Managed Disk S10', 'Disk*month', 'S10 standard disks'),
('ff85ef31-da5b-4eac-95dd-a69d6f97b18a', 'ff85ef31-da5b-4eac-95dd-a69d6f97b18a', 'Managed Disks', 'Standard Managed Disk S15', 'Disk*month', 'S15 standard disks'),
('88ea9228-457a-4091-adc9-ad5194f30b6e', '88ea9228-457a-4091-adc9-ad5194f30b6e', 'Managed Disks', 'Standard Managed Disk S20', 'Disk*month', 'S20 standard disks'),
('5b1db88a-8596-4002-8052-347947c26940', '5b1db88a-8596-4002-8052-347947c26940', 'Managed Disks', 'Standard Managed Disk S30', 'Disk*month', 'S30 standard disks'),
('7660b45b-b29d-49cb-b816-59f30fbab011', '7660b45b-b29d-49cb-b816-59f30fbab011', 'Managed Disks', 'Premium Managed Disk P4', 'Disk*month', 'P4 premium disks'),
('817007fd-a077-477f-bc01-b876f27205fd', '817007fd-a077-477f-bc01-b876f27205fd', 'Managed Disks', 'Premium Managed Disk P6', 'Disk*month', 'P6 premium disks'),
('e554b6bc-96cd-4938-a5b5-0da990278519', 'e554b6bc-96cd-4938-a5b5-0da990278519', 'Managed Disks', 'Premium Managed Disk P10', 'Disk*month', 'P10 premium disks'),
('cdc0f53a-62a9-4472-a06c-e99a23b02907', 'cdc0f53a-62a9-4472-a06c-e99a23b02907', 'Managed Disks', 'Premium Managed Disk P15', 'Disk*month', 'P15 premium disks'),
('b9cb2d1a-84c2-4275-aa8b-70d2145d59aa', 'b9cb2d1a-84c2-4275-aa8b-70d2145d59aa', 'Managed Disks', 'Premium Managed Disk P20', 'Disk*month', 'P20 premium disks'),
('06bde724-9f94-43c0-84c3-d0fc54538369', '06bde724-9f94-43c0-84c3-d0fc54538369', 'Managed Disks', 'Premium Managed Disk P30', 'Disk*month', 'P30 premium disks'),
('7ba084ec-ef9c-4d64-a179-7732c6cb5e28', '7ba084ec-ef9c-4d64-a179-7732c6cb5e28', 'Managed Disks', 'ActualStandardDiskSize', 'GB*month', 'Actual size of standard managed disks'),
('daef389a-06e5-4684-a7f7-8813d9f792d5', 'daef389a-06e5-4684-a7f7-8813d9f792d5', 'Managed Disks', 'ActualPremiumDiskSize', 'GB*month', 'Actual size of premium managed disks'),
('108fa95b-be0d-4cd9-96e8-5b0d59505df1', '108fa95b-be0d-4cd9-96e8-5b0d59505df1', 'Managed Disks', 'ActualStandardSnapshotSize', 'GB*month', 'Actual size of standard snapshots'),
('578ae51d-4ef9-42f9-85ae-42b52d3d83ac', '578ae51d-4ef9-42f9-85ae-42b52d3d83ac', 'Managed Disks', 'ActualPremiumSnapshotSize', 'GB*month', 'Actual size of premium snapshots');

INSERT INTO "CommerceMeter" ("id", "serviceName", "serviceType", "resourceName", "unitOfMeasure", "audience") VALUES
('0c1fecb6-52d8-4130-bbfa-f79e6a5b056d', 'Storage', 'Standard Disks', 'Storage', '1 GB', 'TENANT'),
('190c935e-9ada-48ff-9ab8-56ea1cf9adaa', 'App Service', NULL, 'App', '1 Core Hour', 'TENANT'),
('3e59e16d-a651-4979-a727-423969613c6b', 'Virtual Machines', NULL, 'VM Admin', '1 Core Hour', 'ADMIN'),
('44ca5145-137d-4740-9845-b08784206c45', 'Storage', 'Standard Disks', 'Storage Admin', '1 GB', 'ADMIN'),
('5849dc2e-ac2e-489f-a53c-b2dfb0f5bdff', 'Storage', 'Tables', 'Storage', '1 GB', 'TENANT'),
('5bfe1d6a-bdf3-4cfe-8d36-a1c8e4734921', 'Storage', 'Queues', 'Storage', '1 GB', 'TENANT'),
('7bc19779-56bc-474d-8c88-36fbd79ae004', 'Virtual Machines', NULL, 'VM', '1 Core Hour', 'TENANT'),
('8767aeb3-6909-4db2-9927-3f51e9a9085e', 'Storage', 'Block Blob', 'Storage Admin', '1 GB', 'ADMIN'),
('8a913f38-33b4-4772-9488-e89522fc09e5', 'Storage', 'Block Blob', 'Storage', '1 GB', 'TENANT'),
('8e9d8811-9f3d-4567-8258-0ba581c143b8', 'Storage', 'Queues', 'Storage Admin', '1 GB', 'ADMIN'),
('d30b4825-579c-4463-a83e-cbd0e04dff81', 'Virtual Machines', NULL, 'Windows VM Admin', '1 Core Hour', 'ADMIN'),
('daa83056-2903-4286-826b-564f3037bf61', 'Storage', 'Tables', 'Storage Admin', '1 GB', 'ADMIN'),
('dba5e57a-99ce-4843-b7a6-1d70f36fa1a1', 'App Service', NULL, 'App Admin', '1 Core Hour', 'ADMIN'),
('fb8c0713-ea20-40bf-901f-5560fd3f6330', 'Virtual Machines', NULL, 'Windows VM', '1 Core Hour', 'TENANT');

INSERT INTO "LocalMeterMapping" ("localMeterId", "tenantCommerceMeterId", "adminCommerceMeterId", "conversion") VALUES
('fab6eb84-500b-4a09-a8ca-7358f8bbaea5', '7bc19779-56bc-474d-8c88-36fbd79ae004', '3e59e16d-a651-4979-a727-423969613c6b', 'IDENTITY'),
('9cd92d4c-bafd-4492-b278-bedc2de8232a', 'fb8c0713-ea20-40bf-901f-5560fd3f6330', 'd30b4825-579c-4463-a83e-cbd0e04dff81', 'IDENTITY'),
('190c935e-9ada-48ff-9ab8-56ea1cf9adaa', '190c935e-9ada-48ff-9ab8-56ea1cf9adaa', 'dba5e57a-99ce-4843-b7a6-1d70f36fa1a1', 'IDENTITY'),
('09f8879e-87e9-4305-a572-4b7be209f857', '8a913f38-33b4-4772-9488-e89522fc09e5', '8767aeb3-6909-4db2-9927-3f51e9a9085e', 'GB_HOURS_TO_GB_MONTH'),
('b4438d5d-453b-4ee1-b42a-dc72e377f1e4', '5849dc2e-ac2e-489f-a53c-b2dfb0f5bdff', 'daa83056-2903-4286-826b-564f3037bf61', 'GB_HOURS_TO_GB_MONTH'),
('b03c6ae7-b080-4bfa-84a3-22c800f315c6', '5bfe1d6a-bdf3-4cfe-8d36-a1c8e4734921', '8e9d8811-9f3d-4567-8258-0ba581c143b8', 'GB_HOURS_TO_GB_MONTH'),
('b5c15376-6c94-4fdd-b655-1a69d138aca3', '0c1fecb6-52d8-4130-bbfa-f79e6a5b056d', '44ca5145-137d-4740-9845-b08784206c45', 'GB_HOURS_TO_GB_MONTH');
