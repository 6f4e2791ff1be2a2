// A closed October 2026 for the isolation and e-mail tests: usage for the distributor's customers
// (its own, reseller A's, reseller B's) and the direct CSP's, a default 20 % card per billing partner,
// billing contacts on reseller A's customer, then both billing partners' periods closed.
import type { Database } from "../../lib/database/open-database";
import type { World } from "./world";
import { makeApssSubscription } from "./factories";
import { makeRegistration } from "./registration-fixtures";
import { METERS, insertRatedLine, makeRateCard } from "./chargeback-fixtures";
import { unsafeClosePeriod } from "../../lib/periods/unsafe-close-period";

export const INVOICE_PERIOD = "2026-10";

export async function closeInvoiceWorld(database: Database, world: World): Promise<void> {
  const { prisma, sql } = database;
  for (const partnerId of [world.partners.distributor.id, world.partners.direct.id]) {
    const registration = await makeRegistration(prisma, { partnerId, subscriptionId: (await makeApssSubscription(prisma, partnerId)).id });
    const subscriptions =
      partnerId === world.partners.direct.id
        ? [world.customers.direct.subscription.id]
        : [world.customers.distributor.subscription.id, world.customers.resellerA.subscription.id, world.customers.resellerB.subscription.id];
    for (const subscriptionId of subscriptions) {
      await insertRatedLine(sql, {
        registrationId: registration.id,
        subscriptionId,
        meterId: METERS.vm,
        day: "2026-10-15",
        quantity: "1000",
        unitPrice: "0.008",
      });
    }
    await makeRateCard(prisma, { ownerPartnerId: partnerId, level: "DEFAULT", versions: [{ from: "2026-01-01", defaultMarkup: "20" }] });
  }
  await prisma.customerBillingProfile.create({
    data: {
      customerId: world.customers.resellerA.customer.id,
      legalName: "Reseller A Customer Ltd",
      billingEmails: ["ap@reseller-a-customer.example", "cfo@reseller-a-customer.example"],
    },
  });
  for (const partnerId of [world.partners.distributor.id, world.partners.direct.id]) {
    await unsafeClosePeriod(database, partnerId, INVOICE_PERIOD, null, { now: new Date("2026-11-05T06:00:00Z") });
  }
}
