import "server-only";
// The customers a billing partner prices (its own and its resellers'), for the customer-override picker.
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { requireBillingPartner } from "./billing-partner-scope";

export async function listBilledCustomers(scope: PartnerScope): Promise<{ id: string; label: string }[]> {
  const ownerId = requireBillingPartner(scope);
  const prisma = await getPrisma();
  const customers = await prisma.customer.findMany({
    where: { OR: [{ partnerId: ownerId }, { partner: { parentId: ownerId } }] },
    select: { id: true, companyName: true, partner: { select: { name: true, kind: true } } },
    orderBy: { companyName: "asc" },
  });
  return customers.map((c) => ({ id: c.id, label: c.partner.kind === "INDIRECT_RESELLER" ? `${c.companyName} (${c.partner.name})` : c.companyName }));
}
