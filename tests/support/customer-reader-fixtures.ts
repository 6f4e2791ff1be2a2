// Customer readers for the isolation tests: a user of one of the world's customers (role
// CUSTOMER_READER, the customer's own partner), and the scope it signs in with.
import type { PrismaClient } from "../../generated/prisma/client";
import { resolvePartnerScope, type PartnerScope } from "../../lib/auth/partner-scope";
import { makeUser } from "./factories";
import type { World } from "./world";

export type WorldCustomerKey = keyof World["customers"];

export async function makeCustomerReader(prisma: PrismaClient, world: World, key: WorldCustomerKey): Promise<{ userId: string; scope: PartnerScope }> {
  const { customer } = world.customers[key];
  const user = await makeUser(prisma, { role: "CUSTOMER_READER", partnerId: customer.partnerId, customerId: customer.id });
  const scope = await resolvePartnerScope(prisma, { userId: user.id });
  if (!scope) throw new Error(`no customer reader scope for ${key}`);
  return { userId: user.id, scope };
}
