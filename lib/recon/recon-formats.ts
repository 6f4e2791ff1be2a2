// The recon file's two column sets, as the JS writer formats them: Partner Center's daily-rated
// usage file ("modern", recon-line.ts) and the legacy usage-based one (legacy-recon-line.ts). The
// PostgreSQL writer formats the same columns in SQL (recon-csv-cells.ts); both write the header
// from here. No "server-only": pure mapping, also shared with the billing page's format picker.
import { LEGACY_RECON_COLUMNS, legacyReconRecord, toLegacyReconLine } from "./legacy-recon-line";
import { RECON_COLUMNS, reconRecord, toReconLine, type ReconSourceRow } from "./recon-line";
import type { ReconConversions } from "./recon-currency";

export type ReconFormat = "modern" | "legacy";

export interface ReconColumnSet {
  header: readonly string[];
  /** One rated line as the file's cells, in header order (CSV-injection guard applied). */
  record(row: ReconSourceRow, conversions?: ReconConversions): string[];
}

export const RECON_FORMATS: Record<ReconFormat, ReconColumnSet> = {
  modern: { header: RECON_COLUMNS, record: (row, conversions) => reconRecord(toReconLine(row, conversions)) },
  legacy: { header: LEGACY_RECON_COLUMNS, record: (row, conversions) => legacyReconRecord(toLegacyReconLine(row, conversions)) },
};
