// What POST /api/price-list/import answers. With "Accept: application/x-ndjson" the answer is a
// stream of JSON lines: progress while the upload is read, then one result line. Pure: shared by
// the route and the upload form.
import type { ActionError } from "../actions/action-result";
import type { PriceListImportProblems } from "./price-list-import-error";
import type { PriceListFormat } from "./price-list-columns";

export interface ImportSuccess {
  versionId: string;
  effectiveFrom: string;
  rowCount: number;
  markets: { market: string; currency: string }[];
  /** The file's format, told by its header. */
  format: PriceListFormat;
  /** Rows that got the region "Azure Stack" from their meter (the file gave them none). */
  derivedRegionRows: number;
  seconds: number;
}

export type ImportFailure = ActionError & { details?: PriceListImportProblems };

export type ImportStreamLine =
  | { type: "progress"; phase: "reading" | "checking" | "publishing"; rowsRead: number }
  | { type: "result"; ok: true; data: ImportSuccess }
  | { type: "result"; ok: false; error: ImportFailure };

/** The complete lines of a (possibly partial) NDJSON body. */
export function parseImportStream(text: string): ImportStreamLine[] {
  return text
    .split("\n")
    .slice(0, -1)
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as ImportStreamLine);
}
