import "server-only";
// An admin's explicit close of a period that has ended, before the automatic close: the billing
// partner's admin agents and billing admins only (chargeback:manage). Audited by the close itself.
import type { PartnerScope } from "../auth/partner-scope";
import { DomainError, COMMON_ERROR_CODES } from "../errors";
import { getDatabase } from "../db";
import { currentPeriod } from "../billing/billing-period";
import { requireBillingPartner } from "../chargeback/billing-partner-scope";
import { unsafeClosePeriod, type ClosePeriodOptions, type ClosePeriodResult } from "./unsafe-close-period";

export async function closePeriod(scope: PartnerScope, period: string, options: ClosePeriodOptions = {}): Promise<ClosePeriodResult> {
  const partnerId = requireBillingPartner(scope);
  if (period >= currentPeriod(options.now)) {
    const message = `The period ${period} has not ended yet: a period closes once its month is over.`;
    throw new DomainError(COMMON_ERROR_CODES.ValidationFailed, message, { fields: { period: message } });
  }
  return unsafeClosePeriod(await getDatabase(), partnerId, period, { userId: scope.userId }, options);
}
