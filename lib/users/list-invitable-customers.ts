import "server-only";
// The customers of one partner whose users the scope manages: the choices of "Invite a customer's user".
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { assertManagesUsersOf } from "./managed-partner";

export async function listInvitableCustomers(scope: PartnerScope, partnerId: string): Promise<{ id: string; companyName: string; domain: string }[]> {
  assertManagesUsersOf(scope, partnerId);
  const prisma = await getPrisma();
  return prisma.customer.findMany({ where: { partnerId }, orderBy: { companyName: "asc" }, take: 1000, select: { id: true, companyName: true, domain: true } });
}
