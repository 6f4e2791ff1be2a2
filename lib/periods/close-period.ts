import "server-only";
// An admin's explicit close of a period that has ended, before the automatic close: the billing
// partner's admin agents and billing admins only (chargeback:manage). Audited by the close itself.
import type { PartnerScope } from "../auth/partner-scope";
import { DomainError, COMMON_ERROR_CODES } from "../errors";
import { getDatabase } from "../db";
import { currentPeriod } from "../billing/billing-period";
import { requireBillingPartner } from "../chargeback/billing-partner-scope";
import { unsafeClosePeriod, type ClosePeriodOptions, type ClosePeriodResult } from "./unsafe-close-period";
import { unsafeFirstOpenPeriod } from "./unsafe-first-open-period";

export async function closePeriod(scope: PartnerScope, period: string, options: ClosePeriodOptions = {}): Promise<ClosePeriodResult> {
  const partnerId = requireBillingPartner(scope);
  if (period >= currentPeriod(options.now)) {
    const message = `The period ${period} has not ended yet: a period closes once its month is over.`;
    throw new DomainError(COMMON_ERROR_CODES.ValidationFailed, message, { fields: { period: message } });
  }
  const database = await getDatabase();
  const closed = await database.prisma.billingPeriodClose.findUnique({
    where: { partnerId_period: { partnerId, period } },
    select: { id: true, invoiceCount: true },
  });
  if (closed) return { closeId: closed.id, created: false, invoiceCount: closed.invoiceCount };
  // Periods close in order, so an adjustment always lands on a later invoice than what it corrects.
  const first = await unsafeFirstOpenPeriod(database, partnerId);
  if (first && period !== first) {
    const message =
      period > first ? `Close ${first} first: periods close in order.` : `The period ${period} can no longer close: a later period is already closed.`;
    throw new DomainError(COMMON_ERROR_CODES.ValidationFailed, message, { fields: { period: message } });
  }
  return unsafeClosePeriod(database, partnerId, period, { userId: scope.userId }, options);
}
