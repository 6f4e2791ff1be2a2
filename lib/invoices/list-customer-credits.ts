import "server-only";
// A customer's credits and fees, for its billing partner (amounts as text, newest first).
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { findBilledCustomer } from "./find-billed-customer";

export interface CustomerCreditRow {
  id: string;
  kind: string;
  description: string;
  amount: string | null;
  percent: string | null;
  months: number | null;
  startPeriod: string;
  revoked: boolean;
}

export async function listCustomerCredits(scope: PartnerScope, customerId: string): Promise<CustomerCreditRow[]> {
  const customer = await findBilledCustomer(scope, customerId);
  const prisma = await getPrisma();
  const credits = await prisma.customerCredit.findMany({
    where: { customerId: customer.id, partnerId: customer.billingPartnerId },
    orderBy: { createdAt: "desc" },
    select: { id: true, kind: true, description: true, amount: true, percent: true, months: true, startPeriod: true, revokedAt: true },
  });
  return credits.map(({ revokedAt, amount, percent, ...credit }) => ({
    ...credit,
    amount: amount?.toFixed(2) ?? null,
    percent: percent?.toString() ?? null,
    revoked: revokedAt !== null,
  }));
}
