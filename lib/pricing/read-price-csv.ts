// Streams a price list CSV: parse (./read-csv-records), validate row by row, hand valid rows over
// in batches. Memory stays at one batch plus a capped problem list, whatever the file size. Not
// "server-only" so the benchmark script can drive it.
import { CsvSyntaxError, readCsvRecords } from "./read-csv-records";
import { resolveHeader, PRICE_COLUMNS, type PriceField, type PriceListFormat } from "./price-list-columns";
import { parsePriceRow, type PriceFileContext, type PriceRow, type PriceRowProblem } from "./parse-price-row";
import type { AzureStackMeter } from "./azure-stack-meters";

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
  /** The file's format, told by its header (null: no header read). */
  format: PriceListFormat | null;
  /** Valid rows whose region was derived ("Azure Stack", from their meter): the file gave none. */
  derivedRegionRows: number;
}

export interface ReadPriceCsvOptions {
  /** EffectiveStartDate for rows without one: the version's effective date (YYYY-MM-DD). */
  defaultStart: string;
  /** The Azure Stack commerce meters: rows of these meters without a region become "Azure Stack" rows. */
  azureStackMeters?: readonly AzureStackMeter[];
  /** Market and currency of a file without those columns (the Global CSP price list is one market's). */
  market?: string;
  currency?: string;
  onProgress?: (progress: { rowsRead: number; bytesRead: number }) => void;
  batchSize?: number;
  /** Adds the milliseconds spent parsing CSV (reading the source included) and validating rows. */
  timings?: { parse: number; validate: number };
}

async function* countBytes(source: AsyncIterable<Uint8Array | string>, counter: { bytes: number }) {
  for await (const chunk of source) {
    counter.bytes += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.byteLength;
    yield chunk;
  }
}

/**
 * Yields the valid rows in batches while the file has had no problem (the consumer's pace is the
 * upload's: a slow database slows the reading, memory stays flat), then keeps reading to the end
 * to report every problem, and returns the summary.
 */
export async function* readPriceCsv(
  source: AsyncIterable<Uint8Array | string>,
  options: ReadPriceCsvOptions,
): AsyncGenerator<PriceRow[], PriceCsvSummary, void> {
  const batchSize = options.batchSize ?? PRICE_BATCH_SIZE;
  const summary: PriceCsvSummary = {
    rowsRead: 0,
    validRows: 0,
    badRows: 0,
    problems: [],
    problemCount: 0,
    markets: new Map(),
    fatal: false,
    format: null,
    derivedRegionRows: 0,
  };
  const azureStackMeters = new Map((options.azureStackMeters ?? []).map((meter) => [meter.id, meter]));
  const suppliedFields: PriceField[] = [...(options.market ? (["market"] as const) : []), ...(options.currency ? (["currency"] as const) : [])];
  const report = (problem: PriceRowProblem) => {
    summary.problemCount++;
    if (summary.problems.length < MAX_REPORTED_PROBLEMS) summary.problems.push(problem);
  };
  const counter = { bytes: 0 };
  const chunks = readCsvRecords(countBytes(source, counter));
  const timings = options.timings;

  let header: ReturnType<typeof resolveHeader> | null = null;
  let file: PriceFileContext | null = null;
  let fieldCount = 0;
  let batch: PriceRow[] = [];
  let lastMarket = "";
  let lastCurrency = "";
  let reported = 0;
  try {
    reading: for (;;) {
      let clock = performance.now();
      const next = await chunks.next();
      if (timings) {
        const now = performance.now();
        timings.parse += now - clock;
        clock = now;
      }
      if (next.done) break;
      const { records, lines } = next.value;
      for (let index = 0; index < records.length; index++) {
        const record = records[index];
        const line = lines[index];
        if (record.length === 1 && record[0].trim() === "") continue; // empty line
        if (!header) {
          header = resolveHeader(record, suppliedFields);
          file = { format: header.format, names: header.names, azureStackMeters, market: options.market, currency: options.currency };
          summary.format = header.format;
          fieldCount = record.length;
          for (const column of header.missing) report({ line, column, reason: "Required column is missing." });
          for (const column of header.duplicated) report({ line, column, reason: "Column appears twice." });
          if (summary.problemCount > 0) {
            summary.fatal = true;
            break reading;
          }
          continue;
        }
        summary.rowsRead++;
        const parsed = parsePriceRow(record, header.columns, line, options.defaultStart, fieldCount, file ?? undefined);
        if (!parsed.ok) {
          summary.badRows++;
          parsed.problems.forEach(report);
          continue;
        }
        const { row } = parsed;
        if (row.market !== lastMarket) {
          const currency = summary.markets.get(row.market);
          if (currency === undefined) summary.markets.set(row.market, row.currency);
          lastMarket = row.market;
          lastCurrency = currency ?? row.currency;
        }
        if (row.currency !== lastCurrency) {
          summary.badRows++;
          report({ line: row.line, column: PRICE_COLUMNS.currency.header, reason: `Market ${row.market} is priced in ${lastCurrency} earlier in the file.` });
          continue;
        }
        summary.validRows++;
        if (row.regionDerived) summary.derivedRegionRows++;
        if (summary.problemCount === 0) batch.push(row);
      }
      if (timings) timings.validate += performance.now() - clock;
      if (batch.length >= batchSize && summary.problemCount === 0) {
        yield batch;
        batch = [];
      }
      if (summary.problemCount > 0) batch = [];
      if (summary.rowsRead - reported >= batchSize) {
        reported = summary.rowsRead;
        options.onProgress?.({ rowsRead: summary.rowsRead, bytesRead: counter.bytes });
      }
    }
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    // Broken quoting: the reader can't resynchronise, so reading stops here.
    report({ line: error.line, column: null, reason: `Not readable as CSV: ${error.message}` });
    summary.fatal = true;
  } finally {
    await chunks.return(undefined);
  }
  if (!header && summary.problemCount === 0) {
    report({ line: 1, column: null, reason: "The file is empty: expected a header row with Partner Center's price list columns." });
    summary.fatal = true;
  }
  if (batch.length > 0 && summary.problemCount === 0) yield batch;
  options.onProgress?.({ rowsRead: summary.rowsRead, bytesRead: counter.bytes });
  return summary;
}
