import "server-only";
// Which invoices a scope reaches: those of customers it sees (a distributor its resellers'
// customers, narrowed by the switcher; a reseller its own customers only). Operators bill no one:
// they reach none; a customer reader reaches its customer's only. Whether Microsoft's cost may be shown is the billing partner's alone.
import type { Prisma } from "../../generated/prisma/client";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";

export function invoiceScopeFilter(scope: PartnerScope): Prisma.InvoiceWhereInput {
  assertScopeCan(scope, "statements:read");
  if (scope.isOperator || !scope.visiblePartnerIds) return { id: { in: [] } };
  // A customer reader's scope reaches its own customer's invoices only.
  if (scope.customerId !== null) return { customer: { id: scope.customerId, partnerId: { in: scope.visiblePartnerIds } } };
  return { customer: { partnerId: { in: scope.visiblePartnerIds } } };
}

/** The billing partner that issued an invoice sees its Microsoft cost; a reseller or a customer reader never does. */
export function scopeSeesInvoiceCost(scope: PartnerScope, invoicePartnerId: string): boolean {
  return !scope.isOperator && scope.customerId === null && scope.partnerKind !== "INDIRECT_RESELLER" && scope.partnerId === invoicePartnerId;
}
