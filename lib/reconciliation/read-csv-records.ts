// A CSV's bytes → its records, batch by batch, for the recon import's hot path: one pass over the
// bytes finds every field's start and end (RFC 4180: quoted fields, "" for a quote, line feeds
// inside quotes; CRLF or LF line ends), and nothing is decoded until the caller asks for a field
// (fieldText), so a record's unused columns cost only the scan. A leading BOM is dropped (so a
// quoted first field is still read as quoted), blank lines are skipped, every record knows the line
// of the file it starts on, and the bytes are checked to be UTF-8. A record
// longer than MAX_RECORD_BYTES is refused rather than buffered: memory stays flat. csv-parse is the
// tests' oracle for the fields. Pure (no server-only): the bench drives it.
import { isUtf8 } from "node:buffer";

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
export const MAX_RECORD_BYTES = 1024 * 1024;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export class CsvLayoutError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = "CsvLayoutError";
  }
}

/** The complete records of one stretch of the file; valid until the next batch is taken. */
export interface CsvRecordBatch {
  buf: Buffer;
  records: number;
  /** Record r's fields are fieldStart[first[r]] … (fieldCount[r] of them); its line is line[r]. */
  first: Int32Array;
  fieldCount: Int32Array;
  line: Int32Array;
  fieldStart: Int32Array;
  fieldEnd: Int32Array;
  /** 0: as is; 1: was quoted; 2: was quoted and holds "" (a quote). */
  fieldQuoting: Uint8Array;
}

/** Field f (an index into fieldStart) of a batch, decoded. */
export function fieldText(batch: CsvRecordBatch, f: number): string {
  const text = batch.buf.toString("utf8", batch.fieldStart[f], batch.fieldEnd[f]);
  return batch.fieldQuoting[f] === 2 ? text.replaceAll('""', '"') : text;
}

class Growable {
  first = new Int32Array(1024);
  fieldCount = new Int32Array(1024);
  line = new Int32Array(1024);
  start = new Int32Array(1024);
  recordStart = new Int32Array(1024);
  fieldStart = new Int32Array(16384);
  fieldEnd = new Int32Array(16384);
  fieldQuoting = new Uint8Array(16384);
  records = 0;
  fields = 0;

  field(start: number, end: number, quoting: number): void {
    if (this.fields === this.fieldStart.length) {
      this.fieldStart = grow(this.fieldStart);
      this.fieldEnd = grow(this.fieldEnd);
      const quoting2 = new Uint8Array(this.fieldQuoting.length * 2);
      quoting2.set(this.fieldQuoting);
      this.fieldQuoting = quoting2;
    }
    this.fieldStart[this.fields] = start;
    this.fieldEnd[this.fields] = end;
    this.fieldQuoting[this.fields++] = quoting;
  }

  record(firstField: number, line: number, start: number): void {
    if (this.records === this.first.length) {
      this.first = grow(this.first);
      this.fieldCount = grow(this.fieldCount);
      this.line = grow(this.line);
      this.recordStart = grow(this.recordStart);
    }
    this.first[this.records] = firstField;
    this.fieldCount[this.records] = this.fields - firstField;
    this.line[this.records] = line;
    this.recordStart[this.records++] = start;
  }
}

function grow(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/**
 * Yields the records of `source` in batches (one per chunk read, the header's record included as
 * the first record of the first batch). Throws CsvLayoutError for a quote that is never closed,
 * text after a closing quote, a record over MAX_RECORD_BYTES and bytes that aren't UTF-8.
 */
export async function* readCsvRecords(source: AsyncIterable<Uint8Array>): AsyncGenerator<CsvRecordBatch> {
  let carry: Buffer = Buffer.alloc(0);
  let line = 1;
  const out = new Growable();

  /** Scans buf's complete records into `out`; returns where the incomplete rest starts. */
  function scan(buf: Buffer, final: boolean): number {
    const n = buf.length;
    out.records = 0;
    out.fields = 0;
    let i = 0;
    records: while (i < n) {
      const recordStart = i;
      const firstField = out.fields;
      let lines = 0;
      for (;;) {
        let end: number;
        if (buf[i] === QUOTE) {
          let q = i;
          let quoting = 1;
          for (;;) {
            q = buf.indexOf(QUOTE, q + 1);
            if (q < 0 || (q + 1 === n && !final)) {
              if (final) throw new CsvLayoutError("a quoted field is never closed.", line);
              out.fields = firstField;
              return recordStart;
            }
            if (buf[q + 1] !== QUOTE) break;
            quoting = 2;
            q++;
          }
          const next = q + 1;
          const after = buf[next];
          if (after === CR && next + 1 === n && !final) {
            out.fields = firstField;
            return recordStart;
          }
          if (next < n && after !== COMMA && after !== LF && !(after === CR && (next + 1 === n || buf[next + 1] === LF))) {
            throw new CsvLayoutError(
              `text follows a closing quote (${JSON.stringify(String.fromCharCode(after))}); a field with a quote must be quoted whole, its quotes doubled.`,
              line,
            );
          }
          for (let lf = buf.indexOf(LF, i); lf >= 0 && lf < q; lf = buf.indexOf(LF, lf + 1)) lines++;
          out.field(i + 1, q, quoting);
          end = after === CR ? next + 1 : next;
        } else {
          let j = i;
          while (j < n) {
            const c = buf[j];
            if (c === COMMA || c === LF) break;
            j++;
          }
          if (j === n && !final) {
            out.fields = firstField;
            return recordStart;
          }
          out.field(i, j > i && buf[j - 1] === CR && (j === n || buf[j] === LF) ? j - 1 : j, 0);
          end = j;
        }
        if (end < n && buf[end] === COMMA) {
          i = end + 1;
          continue;
        }
        // The record ends (a line feed, or the end of the file).
        const blank = out.fields === firstField + 1 && out.fieldQuoting[firstField] === 0 && out.fieldStart[firstField] === out.fieldEnd[firstField];
        if (blank) out.fields = firstField;
        else out.record(firstField, line, recordStart);
        line += lines + (end < n ? 1 : 0);
        i = end + 1;
        continue records;
      }
    }
    return Math.min(i, n);
  }

  const take = (buf: Buffer, final: boolean): CsvRecordBatch | null => {
    const rest = scan(buf, final);
    if (!final && buf.length - rest > MAX_RECORD_BYTES) throw new CsvLayoutError(`the line is longer than ${MAX_RECORD_BYTES / 1024 / 1024} MB.`, line);
    carry = rest < buf.length ? Buffer.from(buf.subarray(rest)) : Buffer.alloc(0);
    if (out.records === 0) return null;
    if (!isUtf8(buf.subarray(0, rest))) {
      for (let r = 0; r < out.records; r++) {
        const end = r + 1 < out.records ? out.recordStart[r + 1] : rest;
        if (!isUtf8(buf.subarray(out.recordStart[r], end)))
          throw new CsvLayoutError("invalid byte sequence for encoding UTF8: save the file as UTF-8.", out.line[r]);
      }
    }
    return {
      buf,
      records: out.records,
      first: out.first,
      fieldCount: out.fieldCount,
      line: out.line,
      fieldStart: out.fieldStart,
      fieldEnd: out.fieldEnd,
      fieldQuoting: out.fieldQuoting,
    };
  };

  let atStart = true;
  for await (const chunk of source) {
    if (chunk.length === 0) continue;
    const view = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let buf = carry.length > 0 ? Buffer.concat([carry, view]) : view;
    if (atStart) {
      // A chunk may end inside the BOM.
      if (buf.length < BOM.length && BOM.subarray(0, buf.length).equals(buf)) {
        carry = Buffer.from(buf);
        continue;
      }
      atStart = false;
      if (buf.subarray(0, BOM.length).equals(BOM)) buf = buf.subarray(BOM.length);
    }
    const batch = take(buf, false);
    if (batch) yield batch;
  }
  if (carry.length > 0) {
    const batch = take(carry, true);
    if (batch) yield batch;
  }
}
