// What the database said about a recon file's bytes → the error the uploader gets: a line and a
// column, never a 500. COPY's own complaints (a line with more or fewer fields than the header,
// bytes that aren't UTF-8) carry "line N" of the COPY's input; pg_temp.reconciliation_refuse's carry
// the record and the column (billed-lines-sql.ts). Anything else passes through. Pure.
import { COMMON_ERROR_CODES, DomainError } from "../errors";
import { REFUSED_MARKER } from "./billed-lines-sql";
import { CsvLayoutError } from "./split-csv-records";

export interface RecordPlace {
  /** The file's line of data record n (1-based). */
  lineOf(record: number): number;
  header: readonly string[];
  /** The file's line of the COPY's line n. */
  lineOfCopyLine(copyLine: number): number;
}

const fileError = (message: string, field = "file") => new DomainError(COMMON_ERROR_CODES.ValidationFailed, message, { fields: { [field]: message } });

export function reconDatabaseError(error: unknown, place: RecordPlace): unknown {
  if (error instanceof DomainError) return error;
  if (error instanceof CsvLayoutError) return fileError(`Line ${error.line}: ${error.message}`);
  if (!(error instanceof Error)) return error;
  const at = error.message.indexOf(REFUSED_MARKER);
  if (at >= 0) {
    const refused = JSON.parse(error.message.slice(at + REFUSED_MARKER.length)) as { record: number; column: string; message: string };
    return fileError(`Line ${place.lineOf(refused.record)}, column ${refused.column}: ${refused.message}`, refused.column);
  }
  const code = (error as { code?: unknown }).code;
  // Class 22: data exceptions (COPY's bad_copy_file_format, encodings, a value PostgreSQL can't convert).
  if (typeof code !== "string" || !code.startsWith("22")) return error;
  const where = String((error as { where?: unknown }).where ?? "");
  const line = /\bline (\d+)/.exec(where);
  const message = error.message.replace(/"c(\d+)"/g, (_, n: string) => `“${place.header[Number(n) - 1] ?? `column ${n}`}”`).replace(/\.$/, "");
  if (line) return fileError(`Line ${place.lineOfCopyLine(Number(line[1]))}: ${message}.`);
  return fileError(`The file could not be read (${message}).`);
}
