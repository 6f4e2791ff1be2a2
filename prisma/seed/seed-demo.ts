// Seeds the demo data (./demo-data) into an empty database, in one transaction.
// Used by `scripts/db.ts seed|setup`; the exported constants are for the README and tests.
import { hashPassword } from "../../lib/auth/password-hash";
import type { PrismaClient } from "../../generated/prisma/client";
import { DEMO_CUSTOMER_READERS, DEMO_CUSTOMERS, DEMO_PARTNER_LIST, DEMO_PASSWORD, DEMO_SUBSCRIPTIONS, DEMO_USERS } from "./demo-data";
import { seedDemoPriceList } from "./pricing-demo";
import { seedDemoRegistrations } from "./registrations-demo";
import { seedDemoIngestionKeys } from "./usage-demo";
import { seedDemoInvitations } from "./invitations-demo";
import { seedDemoChargeback } from "./chargeback-demo";
import { seedDemoInvoicing } from "./invoices-demo";

export {
  DEMO_CUSTOMERS,
  DEMO_DIRECT_CSP_KEY,
  DEMO_DISTRIBUTOR_KEY,
  DEMO_OPERATOR_EMAIL,
  DEMO_PARTNER_LIST,
  DEMO_PARTNERS,
  DEMO_PASSWORD,
  DEMO_RESELLER_KEYS,
  DEMO_SIGN_INS,
  DEMO_SUBSCRIPTIONS,
  DEMO_USERS,
  DEMO_CUSTOMER_READERS,
} from "./demo-data";
export type { DemoCustomer, DemoPartner, DemoPartnerKey, DemoSignIn, DemoSubscription, DemoUser } from "./demo-data";

/**
 * Inserts the demo data when the database has no partners; returns whether it did.
 * Everything goes in one transaction, so a failure leaves the database empty.
 */
export async function seedDemoIfEmpty(prisma: PrismaClient): Promise<boolean> {
  if ((await prisma.partner.count()) > 0) return false;
  // One hash shared by every demo user (hashing ~16 times would take seconds), at the app's cost.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  return prisma.$transaction(
    async (tx) => {
      // Re-check inside the transaction: another process may have seeded in the meantime.
      if ((await tx.partner.count()) > 0) return false;

      // Parents first: the resellers' parentId must reference an existing row.
      for (const level of [false, true]) {
        await tx.partner.createMany({
          data: DEMO_PARTNER_LIST.filter((partner) => (partner.parentId !== null) === level).map((partner) => ({
            id: partner.id,
            kind: partner.kind,
            name: partner.name,
            mpnId: partner.mpnId,
            directoryTenantId: partner.directoryTenantId,
            country: partner.country,
            parentId: partner.parentId,
            createdAt: partner.createdAt,
            updatedAt: partner.createdAt,
          })),
        });
      }

      await tx.user.createMany({
        data: DEMO_USERS.map((user) => ({
          id: user.id,
          email: user.email,
          passwordHash,
          displayName: user.displayName,
          role: user.role,
          partnerId: user.partnerId,
          createdAt: user.createdAt,
          updatedAt: user.createdAt,
        })),
      });

      await tx.customer.createMany({
        data: DEMO_CUSTOMERS.map((customer) => ({
          id: customer.id,
          companyName: customer.companyName,
          domain: customer.domain,
          tenantId: customer.tenantId,
          country: customer.country,
          partnerId: customer.partnerId,
          createdAt: customer.createdAt,
          updatedAt: customer.createdAt,
        })),
      });

      // Customer readers name their customer, so they follow the customers.
      await tx.user.createMany({
        data: DEMO_CUSTOMER_READERS.map((reader) => ({
          id: reader.id,
          email: reader.email,
          passwordHash,
          displayName: reader.displayName,
          role: "CUSTOMER_READER" as const,
          partnerId: reader.partnerId,
          customerId: reader.customerId,
          createdAt: reader.createdAt,
          updatedAt: reader.createdAt,
        })),
      });

      // Every customer's ownership history starts with its creation (one open period each).
      await tx.customerOwnershipPeriod.createMany({
        data: DEMO_CUSTOMERS.map((customer) => ({
          id: `own_${customer.id}`,
          customerId: customer.id,
          partnerId: customer.partnerId,
          ownedFrom: customer.createdAt,
        })),
      });

      await tx.azureSubscription.createMany({
        data: DEMO_SUBSCRIPTIONS.map((subscription) => ({
          id: subscription.id,
          type: subscription.type,
          displayName: subscription.displayName,
          status: subscription.status,
          customerId: subscription.customerId,
          rollsUpToPartnerId: subscription.rollsUpToPartnerId,
          createdAt: subscription.createdAt,
          updatedAt: subscription.createdAt,
        })),
      });

      await seedDemoPriceList(tx);
      await seedDemoRegistrations(tx);
      await seedDemoIngestionKeys(tx);
      await seedDemoInvitations(tx);
      await seedDemoChargeback(tx);
      await seedDemoInvoicing(tx);
      return true;
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}
