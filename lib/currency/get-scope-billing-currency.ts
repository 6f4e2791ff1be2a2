import "server-only";
// The billing currency set by the caller's billing partner (its own partner, or a reseller's
// distributor); null when none is set (lines are then billed in their pricing currency) or for operators.
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";

export async function getScopeBillingCurrency(scope: Pick<PartnerScope, "partnerId">): Promise<string | null> {
  if (!scope.partnerId) return null;
  const prisma = await getPrisma();
  const partner = await prisma.partner.findUnique({
    where: { id: scope.partnerId },
    select: { kind: true, billingCurrency: true, parent: { select: { billingCurrency: true } } },
  });
  if (!partner) return null;
  return partner.kind === "INDIRECT_RESELLER" && partner.parent ? partner.parent.billingCurrency : partner.billingCurrency;
}
