import "server-only";
// Microsoft's bill goes to the partner it bills: a direct CSP or a distributor. Resellers (whatever
// their role) and operators are refused, on top of the role's permission; the partner id returned
// is the only one any reconciliation query filters by.
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import type { Permission } from "../auth/permissions";
import { DomainError } from "../errors";
import { RECONCILIATION_ERROR_CODES } from "./reconciliation-errors";

export function isReconciliationPartner(scope: PartnerScope): boolean {
  return !scope.isOperator && scope.partnerId !== null && (scope.partnerKind === "DIRECT_CSP" || scope.partnerKind === "INDIRECT_PROVIDER");
}

/** The billing partner's id when the scope may do `permission` on its reconciliation; Forbidden otherwise. */
export function requireReconciliationPartner(scope: PartnerScope, permission: Permission): string {
  assertScopeCan(scope, permission);
  if (!isReconciliationPartner(scope) || !scope.partnerId) {
    throw new DomainError(
      RECONCILIATION_ERROR_CODES.NotBillingPartner,
      "Only the partner Microsoft bills (a direct CSP or a distributor) reconciles Microsoft's bill.",
      {
        status: 403,
      },
    );
  }
  return scope.partnerId;
}
