import "server-only";
// The download name of a recon file.
import { fileNameSlug } from "../files/download-file-name";
import type { ReconFormat } from "./recon-formats";
import { type ResolvedReconQuery } from "./recon-source";
import { periodRange } from "../billing/billing-period";

/**
 * Names a recon file after what it holds, so downloads of different scopes never collide:
 * recon[_legacy]_<partner>[_reseller-<name>][_customer-<name>][_registration-<stamp>]_<period or from_to_to>.csv
 */
export function reconFileName(
  partnerName: string,
  query: Pick<ResolvedReconQuery, "period" | "from" | "to" | "names">,
  format: ReconFormat = "modern",
): string {
  const parts = [format === "legacy" ? "recon_legacy" : "recon", fileNameSlug(partnerName, "partner", 60)];
  if (query.names.reseller) parts.push(`reseller-${fileNameSlug(query.names.reseller, "reseller", 40)}`);
  if (query.names.customer) parts.push(`customer-${fileNameSlug(query.names.customer, "customer", 40)}`);
  if (query.names.registration) parts.push(`registration-${fileNameSlug(query.names.registration, "registration", 40)}`);
  const range = periodRange(query.period);
  parts.push(query.from === range.from && query.to === range.to ? query.period : `${query.from}_to_${query.to}`);
  return `${parts.join("_")}.csv`;
}
