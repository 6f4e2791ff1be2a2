import "server-only";
// Billing currency and exchange rates belong to the partner Microsoft bills: a direct CSP or a
// distributor. A reseller's lines are billed in its distributor's currency at its distributor's rates,
// so resellers (whatever their role) and operators are refused here, on top of the role permission.
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import type { Permission } from "../auth/permissions";
import { isBillingPartnerScope } from "../chargeback/billing-partner-scope";
import { DomainError } from "../errors";
import { CURRENCY_ERROR_CODES } from "./currency-errors";

/** The caller's partner id when it is a billing partner with `permission`; Forbidden otherwise. */
export function requireCurrencyPartner(scope: PartnerScope, permission: Permission): string {
  assertScopeCan(scope, permission);
  if (!isBillingPartnerScope(scope) || !scope.partnerId) {
    throw new DomainError(
      CURRENCY_ERROR_CODES.NotBillingPartner,
      "Only the partner Microsoft bills (a direct CSP or a distributor) sets its billing currency and exchange rates.",
      { status: 403 },
    );
  }
  return scope.partnerId;
}
