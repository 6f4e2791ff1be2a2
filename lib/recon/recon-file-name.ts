import "server-only";
// The download name of a recon file.
import { fileNameSlug } from "../files/download-file-name";
import type { ReconFormat } from "./recon-formats";

/** recon_<partner-slug>_<period>.csv (recon_legacy_… for the legacy column set) */
export function reconFileName(partnerName: string, period: string, format: ReconFormat = "modern"): string {
  const slug = fileNameSlug(partnerName, "partner");
  return `recon_${format === "legacy" ? "legacy_" : ""}${slug}_${period}.csv`;
}
