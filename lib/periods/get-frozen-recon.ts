import "server-only";
// A closed period's recon file: the bytes frozen at the close (what Microsoft bills the partner),
// for the billing partner only. An open period has none (NotFound): its file is the live download.
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { COMMON_ERROR_CODES, DomainError, notFound } from "../errors";
import { BILLING_PERIOD_MESSAGE, BILLING_PERIOD_PATTERN } from "../billing/billing-period";
import { requireBillingPartner } from "../chargeback/billing-partner-scope";

export async function getFrozenRecon(scope: PartnerScope, period: string): Promise<{ bytes: Uint8Array; fileName: string; sha256: string }> {
  const partnerId = requireBillingPartner(scope);
  if (!BILLING_PERIOD_PATTERN.test(period))
    throw new DomainError(COMMON_ERROR_CODES.ValidationFailed, BILLING_PERIOD_MESSAGE, { fields: { period: BILLING_PERIOD_MESSAGE } });
  const prisma = await getPrisma();
  const close = await prisma.billingPeriodClose.findUnique({
    where: { partnerId_period: { partnerId, period } },
    select: { reconCsv: true, reconSha256: true },
  });
  if (!close) throw notFound("The closed period");
  return { bytes: close.reconCsv, fileName: `recon-${period}-closed.csv`, sha256: close.reconSha256 };
}
