// A small multi-tenant world for scope and isolation tests: a distributor with two resellers, a
// direct CSP, one customer each, users of every role, and an operator.
import type { PrismaClient } from "../../generated/prisma/client";
import type { UserRole } from "../../generated/prisma/enums";
import { resolvePartnerScope, type PartnerScope } from "../../lib/auth/partner-scope";
import { makeCspSubscription, makeCustomer, makeDistributorWithResellers, makePartner, makeUser } from "./factories";

export const PARTNER_ROLES: UserRole[] = ["ADMIN_AGENT", "BILLING_ADMIN", "SALES_AGENT"];

export async function makeWorld(prisma: PrismaClient) {
  const { distributor, resellers } = await makeDistributorWithResellers(prisma, 2);
  const [resellerA, resellerB] = resellers;
  const direct = await makePartner(prisma, { kind: "DIRECT_CSP" });
  const otherDirect = await makePartner(prisma, { kind: "DIRECT_CSP" });

  const customerOf = async (partnerId: string, billedTo: string) => {
    const customer = await makeCustomer(prisma, { partnerId });
    const subscription = await makeCspSubscription(prisma, { customerId: customer.id, rollsUpToPartnerId: billedTo });
    return { customer, subscription };
  };
  const customers = {
    distributor: await customerOf(distributor.id, distributor.id),
    resellerA: await customerOf(resellerA.id, distributor.id),
    resellerB: await customerOf(resellerB.id, distributor.id),
    direct: await customerOf(direct.id, direct.id),
    otherDirect: await customerOf(otherDirect.id, otherDirect.id),
  };

  const partners = { distributor, resellerA, resellerB, direct, otherDirect };
  const users: Record<string, Record<UserRole, string>> = {};
  for (const [key, partner] of Object.entries(partners)) {
    users[key] = {} as Record<UserRole, string>;
    for (const role of PARTNER_ROLES) {
      users[key][role] = (await makeUser(prisma, { partnerId: partner.id, role })).id;
    }
  }
  const operator = await makeUser(prisma, { partnerId: null, role: "OPERATOR" });

  async function scope(partnerKey: keyof typeof partners, role: UserRole, selectedResellerId?: string) {
    const resolved = await resolvePartnerScope(prisma, { userId: users[partnerKey][role], selectedResellerId });
    if (!resolved) throw new Error(`no scope for ${partnerKey}/${role}`);
    return resolved;
  }
  async function operatorScope(): Promise<PartnerScope> {
    const resolved = await resolvePartnerScope(prisma, { userId: operator.id });
    if (!resolved) throw new Error("no operator scope");
    return resolved;
  }
  return { partners, customers, users, operator, scope, operatorScope };
}

export type World = Awaited<ReturnType<typeof makeWorld>>;
