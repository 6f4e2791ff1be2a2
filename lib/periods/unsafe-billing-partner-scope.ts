import "server-only";
// The scope the close reads a billing partner's recon file with: the partner and all its resellers,
// as its own admin would see them. Unsafe: built from a partner id, not from a signed-in user; only
// the close (automatic or an admin's, already checked) calls it.
import type { PartnerScope } from "../auth/partner-scope";
import type { Database } from "../database/open-database";

export async function unsafeBillingPartnerScope(prisma: Database["prisma"], partnerId: string, actorUserId: string | null): Promise<PartnerScope> {
  const partner = await prisma.partner.findUniqueOrThrow({
    where: { id: partnerId },
    select: { id: true, kind: true, name: true, resellers: { select: { id: true, name: true }, orderBy: { name: "asc" } } },
  });
  const ids = [partner.id, ...partner.resellers.map((reseller) => reseller.id)];
  return {
    userId: actorUserId ?? "system:period-close",
    userName: "Period close",
    email: "",
    role: "BILLING_ADMIN",
    isOperator: false,
    partnerId: partner.id,
    partnerKind: partner.kind,
    partnerName: partner.name,
    visiblePartnerIds: ids,
    manageablePartnerIds: ids,
    resellers: partner.resellers,
    selectedResellerId: null,
    customerId: null,
    customerName: null,
  };
}
