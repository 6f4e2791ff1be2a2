import "server-only";
// A closed period's recon file: the bytes frozen at the close (what Microsoft bills the partner),
// for the billing partner only, decompressed as they are read. An open period has none (NotFound):
// its file is the live download.
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { COMMON_ERROR_CODES, DomainError, notFound } from "../errors";
import { BILLING_PERIOD_MESSAGE, BILLING_PERIOD_PATTERN } from "../billing/billing-period";
import { requireBillingPartner } from "../chargeback/billing-partner-scope";

export interface FrozenReconDownload {
  /** The uncompressed file, streamed. */
  body: ReadableStream<Uint8Array>;
  fileName: string;
  sha256: string;
  bytes: number;
}

export async function getFrozenRecon(scope: PartnerScope, period: string): Promise<FrozenReconDownload> {
  const partnerId = requireBillingPartner(scope);
  if (!BILLING_PERIOD_PATTERN.test(period))
    throw new DomainError(COMMON_ERROR_CODES.ValidationFailed, BILLING_PERIOD_MESSAGE, { fields: { period: BILLING_PERIOD_MESSAGE } });
  const prisma = await getPrisma();
  const close = await prisma.billingPeriodClose.findUnique({
    where: { partnerId_period: { partnerId, period } },
    select: { reconCsvGzip: true, reconSha256: true, reconBytes: true },
  });
  if (!close) throw notFound("The closed period");
  const body = new Blob([close.reconCsvGzip]).stream().pipeThrough(new DecompressionStream("gzip"));
  return { body, fileName: `recon-${period}-closed.csv`, sha256: close.reconSha256, bytes: Number(close.reconBytes) };
}
