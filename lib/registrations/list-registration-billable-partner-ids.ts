import "server-only";
import { getPrisma } from "../db";
import type { RegistrationRecord } from "./find-registration";

/**
 * The partners whose customers a registration may bill: its owner's, and for a distributor also
 * its resellers'. A reseller's stamp never bills another reseller's (or the distributor's own)
 * customers, although all of their subscriptions roll up to the same CSP partner.
 */
export async function listRegistrationBillablePartnerIds(registration: Pick<RegistrationRecord, "partner">): Promise<string[]> {
  if (registration.partner.kind !== "INDIRECT_PROVIDER") return [registration.partner.id];
  const prisma = await getPrisma();
  const resellers = await prisma.partner.findMany({ where: { parentId: registration.partner.id }, select: { id: true } });
  return [registration.partner.id, ...resellers.map((reseller) => reseller.id)];
}
