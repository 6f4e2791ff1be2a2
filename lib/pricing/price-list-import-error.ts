// The error of a refused price list file. Pure (no server-only) so route handlers and the client
// share the shape of `details`.
import { DomainError } from "../errors";
import type { PriceRowProblem } from "./parse-price-row";

export const PRICE_LIST_INVALID = "PriceListInvalid";

export interface PriceListImportProblems {
  /** The first problems, in file order (capped). */
  problems: PriceRowProblem[];
  /** All problems, including those not listed. */
  problemCount: number;
  badRows: number;
  rowsRead: number;
}

/** Thrown when a file is refused; nothing was changed. */
export class PriceListImportError extends DomainError {
  readonly details: PriceListImportProblems;

  constructor(message: string, details: PriceListImportProblems) {
    super(PRICE_LIST_INVALID, message, { status: 422 });
    this.details = details;
  }
}
