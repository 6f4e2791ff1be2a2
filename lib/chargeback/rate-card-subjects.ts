// Rate card subjects and the partner Microsoft bills. No "server-only": pure helpers.
import type { PartnerKind } from "../../generated/prisma/enums";

export const DEFAULT_SUBJECT = "default";
export const resellerSubject = (resellerId: string) => `reseller:${resellerId}`;
export const customerSubject = (customerId: string) => `customer:${customerId}`;

/**
 * The partner Microsoft bills for a customer's usage, who owns the rate cards that price it
 * (decision): the customer's own partner for a direct CSP or a distributor's own customer, the
 * distributor for an indirect reseller's customer.
 */
export function billingPartnerIdOf(owner: { id: string; kind: PartnerKind; parentId: string | null }): string {
  return owner.kind === "INDIRECT_RESELLER" && owner.parentId ? owner.parentId : owner.id;
}

/** The reseller whose card applies to a customer (its owner when that is a reseller). */
export function resellerIdOf(owner: { id: string; kind: PartnerKind }): string | null {
  return owner.kind === "INDIRECT_RESELLER" ? owner.id : null;
}

/** "Storage" alone names four commerce meters: the service type tells them apart. */
export function commerceMeterLabel(meter: { resourceName: string; serviceType: string | null }): string {
  return meter.serviceType ? `${meter.resourceName} — ${meter.serviceType}` : meter.resourceName;
}
