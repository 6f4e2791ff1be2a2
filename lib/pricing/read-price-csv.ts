// Streams a price list CSV: parse (csv-parse), validate row by row, hand valid rows over in
// batches. Memory stays at one batch plus a capped problem list, whatever the file size. Not
// "server-only" so the benchmark script can drive it.
import { Readable } from "node:stream";
import { CsvError, parse } from "csv-parse";
import { resolveHeader, PRICE_COLUMNS } from "./price-list-columns";
import { parsePriceRow, type PriceRow, type PriceRowProblem } from "./parse-price-row";

/** Problems kept for display; the rest are only counted. */
export const MAX_REPORTED_PROBLEMS = 100;
export const PRICE_BATCH_SIZE = 5000;

export interface PriceCsvSummary {
  rowsRead: number;
  validRows: number;
  badRows: number;
  problems: PriceRowProblem[];
  problemCount: number;
  /** Market → currency of the valid rows. */
  markets: Map<string, string>;
  /** A problem that stopped reading (missing columns, broken quoting): nothing after it was read. */
  fatal: boolean;
}

export interface ReadPriceCsvOptions {
  /** EffectiveStartDate for rows without one: the version's effective date (YYYY-MM-DD). */
  defaultStart: string;
  /** Receives valid rows while the file has had no problem; awaited, so the upload waits on the database. */
  onBatch: (rows: PriceRow[]) => Promise<void>;
  onProgress?: (progress: { rowsRead: number; bytesRead: number }) => void;
  batchSize?: number;
}

async function* countBytes(source: AsyncIterable<Uint8Array | string>, counter: { bytes: number }) {
  for await (const chunk of source) {
    counter.bytes += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.byteLength;
    yield chunk;
  }
}

function embeddedNewlines(record: string[]): number {
  let count = 0;
  for (const field of record) {
    if (field.includes("\n")) count += field.split("\n").length - 1;
    else if (field.includes("\r")) count += field.split("\r").length - 1;
  }
  return count;
}

export async function readPriceCsv(source: AsyncIterable<Uint8Array | string>, options: ReadPriceCsvOptions): Promise<PriceCsvSummary> {
  const batchSize = options.batchSize ?? PRICE_BATCH_SIZE;
  const summary: PriceCsvSummary = { rowsRead: 0, validRows: 0, badRows: 0, problems: [], problemCount: 0, markets: new Map(), fatal: false };
  const report = (problem: PriceRowProblem) => {
    summary.problemCount++;
    if (summary.problems.length < MAX_REPORTED_PROBLEMS) summary.problems.push(problem);
  };
  const counter = { bytes: 0 };
  const input = Readable.from(countBytes(source, counter));
  // No `info: true`: per-record info objects double csv-parse's cost. Lines are counted here
  // instead (see the loop), which is exact because empty lines are kept and skipped by us.
  const parser = parse({ bom: true, relax_column_count: true });
  input.on("error", (error) => parser.destroy(error));
  input.pipe(parser);

  let header: ReturnType<typeof resolveHeader> | null = null;
  let fieldCount = 0;
  let batch: PriceRow[] = [];
  const flush = async () => {
    if (batch.length > 0 && summary.problemCount === 0) await options.onBatch(batch);
    batch = [];
    options.onProgress?.({ rowsRead: summary.rowsRead, bytesRead: counter.bytes });
  };

  try {
    let line = 0;
    for await (const record of parser as AsyncIterable<string[]>) {
      // A record starts on the line after the previous one and spans the newlines of its quoted fields.
      const firstLine = line + 1;
      line = firstLine + embeddedNewlines(record);
      if (record.length === 1 && record[0].trim() === "") continue; // empty line
      if (!header) {
        header = resolveHeader(record);
        fieldCount = record.length;
        for (const column of header.missing) report({ line: firstLine, column, reason: "Required column is missing." });
        for (const column of header.duplicated) report({ line: firstLine, column, reason: "Column appears twice." });
        if (summary.problemCount > 0) {
          summary.fatal = true;
          break;
        }
        continue;
      }
      summary.rowsRead++;
      const parsed = parsePriceRow(record, header.columns, firstLine, options.defaultStart, fieldCount);
      if (!parsed.ok) {
        summary.badRows++;
        parsed.problems.forEach(report);
        continue;
      }
      const { row } = parsed;
      const currency = summary.markets.get(row.market);
      if (currency === undefined) summary.markets.set(row.market, row.currency);
      else if (currency !== row.currency) {
        summary.badRows++;
        report({ line: row.line, column: PRICE_COLUMNS.currency.header, reason: `Market ${row.market} is priced in ${currency} earlier in the file.` });
        continue;
      }
      summary.validRows++;
      if (summary.problemCount === 0) {
        batch.push(row);
        if (batch.length >= batchSize) await flush();
      }
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // Broken quoting etc.: csv-parse can't resynchronise, so reading stops here.
    const line = typeof error.lines === "number" ? error.lines : summary.rowsRead + 1;
    report({ line, column: null, reason: `Not readable as CSV: ${error.message}` });
    summary.fatal = true;
  } finally {
    input.destroy();
    parser.destroy();
  }
  if (!header && summary.problemCount === 0) {
    report({ line: 1, column: null, reason: "The file is empty: expected a header row with Partner Center's price list columns." });
    summary.fatal = true;
  }
  await flush();
  return summary;
}
