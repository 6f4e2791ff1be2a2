-- AlterEnum
ALTER TYPE "UserRole" ADD VALUE 'CUSTOMER_READER';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "customerId" TEXT;

-- AlterTable
ALTER TABLE "UserInvitation" ADD COLUMN     "customerId" TEXT;

-- CreateIndex
CREATE INDEX "User_customerId_idx" ON "User"("customerId");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserInvitation" ADD CONSTRAINT "UserInvitation_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A customer reader names its customer, and only a customer reader does. The role is compared as
-- text: an enum value added in this migration can't be used as a literal before it commits.
ALTER TABLE "User" ADD CONSTRAINT "User_customerId_role_check" CHECK ((("role"::text = 'CUSTOMER_READER') = ("customerId" IS NOT NULL)) AND ("customerId" IS NULL OR "partnerId" IS NOT NULL));
ALTER TABLE "UserInvitation" ADD CONSTRAINT "UserInvitation_customerId_role_check" CHECK (("role"::text = 'CUSTOMER_READER') = ("customerId" IS NOT NULL));
