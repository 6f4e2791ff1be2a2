// What went wrong reading a recon file → the error the uploader gets, never a 500: the reader's
// own refusals (a line and a column) pass as they are, a CSV layout problem gets its line, and
// a value PostgreSQL still refuses (class 22: the reader checks every value first, so only what
// it did not foresee) says what PostgreSQL said. Anything else passes through. Pure.
import { COMMON_ERROR_CODES, DomainError } from "../errors";
import { CsvLayoutError } from "./read-csv-records";

const fileError = (message: string) => new DomainError(COMMON_ERROR_CODES.ValidationFailed, message, { fields: { file: message } });

export function reconDatabaseError(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  if (error instanceof CsvLayoutError) return fileError(`Line ${error.line}: ${error.message}`);
  if (!(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== "string" || !code.startsWith("22")) return error;
  return fileError(`The file could not be read (${error.message.replace(/\.$/, "")}).`);
}
