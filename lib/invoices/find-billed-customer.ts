import "server-only";
// A customer the caller's billing partner bills (its own, or a reseller's when it is the
// distributor), found by id within that rule: anything else is NotFound.
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { notFound } from "../errors";
import { requireBillingPartner } from "../chargeback/billing-partner-scope";

export async function findBilledCustomer(
  scope: PartnerScope,
  customerId: string,
): Promise<{ id: string; partnerId: string; billingPartnerId: string; companyName: string }> {
  const billingPartnerId = requireBillingPartner(scope);
  const prisma = await getPrisma();
  const customer = await prisma.customer.findFirst({
    where: { id: customerId, OR: [{ partnerId: billingPartnerId }, { partner: { parentId: billingPartnerId } }] },
    select: { id: true, partnerId: true, companyName: true },
  });
  if (!customer) throw notFound("The customer");
  return { ...customer, billingPartnerId };
}
