import "server-only";
// Rate cards and margins belong to the partner Microsoft bills: a direct CSP or a distributor.
// Resellers (whatever their role) and operators are refused here, on top of the role permission.
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { DomainError } from "../errors";
import { CHARGEBACK_ERROR_CODES } from "./chargeback-errors";

export function isBillingPartnerScope(scope: PartnerScope): boolean {
  return !scope.isOperator && scope.partnerId !== null && (scope.partnerKind === "DIRECT_CSP" || scope.partnerKind === "INDIRECT_PROVIDER");
}

/** The caller's partner id when it may manage rate cards and read margins; Forbidden otherwise. */
export function requireBillingPartner(scope: PartnerScope): string {
  assertScopeCan(scope, "chargeback:manage");
  if (!isBillingPartnerScope(scope) || !scope.partnerId) {
    throw new DomainError(
      CHARGEBACK_ERROR_CODES.NotBillingPartner,
      "Only the partner Microsoft bills (a direct CSP or a distributor) manages rate cards and margins.",
      { status: 403 },
    );
  }
  return scope.partnerId;
}
