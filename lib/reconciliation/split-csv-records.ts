// A CSV's bytes → its header and the bytes of its data records, cut at record boundaries, for
// PostgreSQL's own CSV reader (COPY … (FORMAT csv)) to parse. The bytes are never decoded or
// copied field by field: the loop only follows quotes and line feeds with indexOf (RFC 4180: a
// line feed inside a quoted field doesn't end the record; "" toggles twice), so it costs a
// fraction of reading the fields. It also drops blank lines (COPY would refuse them), counts the
// records and remembers where each record's line diverges from "header lines + record number"
// (quoted line feeds, blank lines), so an error on record n is reported at its line in the file.
// A record longer than MAX_RECORD_BYTES is refused rather than buffered: memory stays flat.
// Pure (no server-only): the bench drives it.
import { parse } from "csv-parse/sync";

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
export const MAX_RECORD_BYTES = 1024 * 1024;
/** Divergences remembered; past this many (a file of multi-line records) lines are the last known offset's. */
const MAX_ANCHORS = 100_000;

export class CsvLayoutError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = "CsvLayoutError";
  }
}

export interface CsvRecordSplit {
  /** The first non-blank record's fields (a leading BOM dropped); null for a file of blank lines. */
  header: string[] | null;
  /** The data records as COPY csv input: each chunk ends at a record (about `chunkBytes` each, the last smaller). */
  chunks: AsyncGenerator<Buffer>;
  /** Data records yielded so far (all of them once `chunks` has ended). */
  records(): number;
  /** The line of the file on which data record `n` (1-based) starts. */
  lineOf(n: number): number;
  /**
   * The line of the file of line `n` of the chunks yielded (as COPY numbers them: a quoted line feed
   * counts, the header and blank lines aren't there); `lastChunk`: of the last chunk alone.
   */
  lineOfCopyLine(n: number, lastChunk: boolean): number;
}

export async function splitCsvRecords(source: AsyncIterable<Uint8Array>, chunkBytes: number): Promise<CsvRecordSplit> {
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let records = 0;
  let yieldedRecords = 0;
  /** Lines of the file not in the chunks (header, blank lines), and from which chunk line each count holds. */
  let removed = 0;
  const removedFrom: number[] = [];
  const removedCounts: number[] = [];
  let yieldedLines = 0;
  let linesBeforeLastChunk = 0;
  let header: Buffer | null = null;
  let offset = 0;
  let headerOffset = 0;
  const anchorRecords: number[] = [];
  const anchorOffsets: number[] = [];
  let carry: Buffer = Buffer.alloc(0);
  let scanned = 0;

  /** The record [start, lf) ends (lf: its line feed, or the end of the file); returns where the bytes to keep resume. */
  function endRecord(buf: Buffer, start: number, lf: number, out: Buffer[], segStart: number): number {
    const end = lf > start && buf[lf - 1] === CR ? lf - 1 : lf;
    const blank = end === start;
    if (blank || header === null) {
      if (!blank) {
        header = Buffer.from(buf.subarray(start, end));
        headerOffset = offset = line;
        removed = line;
      } else if (header !== null) {
        removed++;
        if (removedFrom.length < MAX_ANCHORS) {
          removedFrom.push(line + 1 - removed);
          removedCounts.push(removed);
        }
      }
      if (start > segStart) out.push(buf.subarray(segStart, start));
      return lf + 1;
    }
    records++;
    if (recordLine - records !== offset) {
      offset = recordLine - records;
      if (anchorRecords.length < MAX_ANCHORS) {
        anchorRecords.push(records);
        anchorOffsets.push(offset);
      }
    }
    return segStart;
  }

  /** Scans `chunk` (after what is carried); returns the complete data records' bytes. */
  function feed(chunk: Buffer, out: Buffer[]): void {
    const buf = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const n = buf.length;
    let i = scanned;
    let recStart = 0;
    let segStart = 0;
    let nextQuote = -1;
    let nextLf = -1;
    const find = (byte: number, from: number) => {
      const at = buf.indexOf(byte, from);
      return at < 0 ? n : at;
    };
    while (i < n) {
      if (nextLf < i) nextLf = find(LF, i);
      if (nextQuote < i) nextQuote = find(QUOTE, i);
      if (inQuotes) {
        while (nextLf < nextQuote) {
          line++;
          nextLf = find(LF, nextLf + 1);
        }
        if (nextQuote === n) break;
        inQuotes = false;
        i = nextQuote + 1;
      } else if (nextLf < nextQuote) {
        segStart = endRecord(buf, recStart, nextLf, out, segStart);
        line++;
        recordLine = line;
        i = recStart = nextLf + 1;
      } else if (nextQuote < n) {
        inQuotes = true;
        i = nextQuote + 1;
      } else break;
    }
    if (recStart > segStart) out.push(buf.subarray(segStart, recStart));
    carry = recStart === n ? Buffer.alloc(0) : Buffer.from(buf.subarray(recStart));
    scanned = carry.length;
    if (carry.length > MAX_RECORD_BYTES) throw new CsvLayoutError(`the line is longer than ${MAX_RECORD_BYTES / 1024 / 1024} MB.`, recordLine);
  }

  /** The end of the file: an unterminated quote is refused; a last record without a line feed counts. */
  function finish(out: Buffer[]): void {
    if (inQuotes) throw new CsvLayoutError("a quoted field is never closed.", recordLine);
    if (carry.length === 0) return;
    const rest = carry;
    carry = Buffer.alloc(0);
    if (endRecord(rest, 0, rest.length, out, 0) === 0) out.push(rest);
  }

  const iterator = source[Symbol.asyncIterator]();
  const pending: Buffer[] = [];
  let ended = false;
  // The header is read before anything is yielded: the caller needs it to create the COPY's table.
  while (header === null && !ended) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      finish(pending);
    } else feed(Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength), pending);
  }
  const headerBuffer: Buffer | null = header;
  let fields: string[] | null = null;
  if (headerBuffer !== null) {
    try {
      fields = (parse((headerBuffer as Buffer).toString("utf8"), { bom: true, relax_quotes: true }) as string[][])[0] ?? [];
    } catch {
      fields = [];
    }
  }

  async function* chunks(): AsyncGenerator<Buffer> {
    let parts = pending.splice(0);
    let size = parts.reduce((total, part) => total + part.length, 0);
    const flush = () => {
      const chunk = Buffer.concat(parts, size);
      yieldedRecords = records;
      linesBeforeLastChunk = yieldedLines;
      // Every line before the next record's is in the chunks but the removed ones (a last record without a line feed: its line too).
      yieldedLines = (ended ? line : recordLine - 1) - removed;
      parts = [];
      size = 0;
      return chunk;
    };
    while (!ended) {
      const next = await iterator.next();
      const out: Buffer[] = [];
      if (next.done) {
        ended = true;
        finish(out);
      } else feed(Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength), out);
      for (const part of out) {
        parts.push(part);
        size += part.length;
      }
      if (size >= chunkBytes) yield flush();
    }
    if (size > 0) yield flush();
  }

  return {
    header: fields,
    chunks: chunks(),
    records: () => yieldedRecords,
    lineOf: (n: number) => n + lastAnchor(anchorRecords, anchorOffsets, n, headerOffset),
    lineOfCopyLine(n: number, lastChunk: boolean) {
      const line = n + (lastChunk ? linesBeforeLastChunk : 0);
      return line + lastAnchor(removedFrom, removedCounts, line, headerOffset);
    },
  };
}

/** The value of the last anchor at or before `n` (anchors ascending), else `before`. */
function lastAnchor(at: readonly number[], values: readonly number[], n: number, before: number): number {
  let lo = 0;
  let hi = at.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (at[mid] <= n) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found < 0 ? before : values[found];
}
