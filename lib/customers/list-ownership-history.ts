import "server-only";
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { getCustomer } from "./get-customer";

export interface OwnershipPeriodRow {
  id: string;
  /** Null when the viewer may not know that partner (a reseller looking at another reseller's time). */
  partner: { id: string; name: string } | null;
  ownedFrom: Date;
  ownedUntil: Date | null;
  movedBy: { displayName: string; email: string } | null;
  note: string | null;
}

/**
 * Who owned a customer when, oldest first. The customer is looked up within the scope first (a
 * foreign id is not found). A reseller sees its own periods by name and the others anonymised:
 * resellers never learn about each other.
 */
export async function listOwnershipHistory(scope: PartnerScope, customerId: string): Promise<OwnershipPeriodRow[]> {
  const customer = await getCustomer(scope, customerId);
  const prisma = await getPrisma();
  const periods = await prisma.customerOwnershipPeriod.findMany({
    where: { customerId: customer.id },
    orderBy: [{ ownedFrom: "asc" }, { id: "asc" }],
    select: {
      id: true,
      ownedFrom: true,
      ownedUntil: true,
      movedByUserId: true,
      note: true,
      partner: { select: { id: true, name: true } },
    },
  });
  const moverIds = [...new Set(periods.flatMap((period) => (period.movedByUserId ? [period.movedByUserId] : [])))];
  const movers = new Map(
    (await prisma.user.findMany({ where: { id: { in: moverIds } }, select: { id: true, displayName: true, email: true } })).map((user) => [user.id, user]),
  );
  const knows = (partnerId: string) => scope.isOperator || scope.manageablePartnerIds.includes(partnerId);
  return periods.map((period) => {
    const mover = period.movedByUserId ? movers.get(period.movedByUserId) : undefined;
    // Another reseller's period is anonymised whole: the distributor's note may name that reseller.
    const known = knows(period.partner.id);
    return {
      id: period.id,
      partner: known ? period.partner : null,
      ownedFrom: period.ownedFrom,
      ownedUntil: period.ownedUntil,
      movedBy: known && mover ? { displayName: mover.displayName, email: mover.email } : null,
      note: known ? period.note : null,
    };
  });
}
