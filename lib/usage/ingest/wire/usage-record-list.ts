// The records of a usageAggregates body ({"value":[…]}), read from the body's bytes a slice at a
// time as the ingest reaches them, instead of JSON.parse of the whole body up front. JSON.parse of a
// 50,000-record body builds ~600,000 objects that all stay alive until the batch commits, and it
// (with the 34 MB string it needs and the structural scan) ran before the first row could go to the
// database, with the server idle. Read lazily, the ingest's COPY starts after the first 500
// records; the decode and parse of the rest run while the server works (and while the rest of the
// body is still being inflated, arriving-bytes.ts), and each slice's records die as soon as they are
// encoded. Pure module: no "server-only", the tests use it directly.
import { completeBytes, type ArrivingBytes } from "./arriving-bytes";
import { CLOSE_BRACKET, envelopeTailProblem, OPEN_BRACKET, scanElements, valueArrayOpen } from "./json-body-scan";

/** What the ingest reads records through (an array, via arrayRecordList, or a LazyJsonRecords). */
export interface UsageRecordList {
  /**
   * Resolves once has(i), at(i) for every i ≤ `index` (and length, when past the last record) can be
   * answered from the bytes that have arrived: a body still being decompressed is read as it
   * arrives. Rejects when the body turns out invalid.
   */
  ready(index: number): Promise<void>;
  /** Whether record `index` exists; a lazy list reads further into the body to know. */
  has(index: number): boolean;
  at(index: number): unknown;
  /** How many records there are; a lazy list reads (and checks) the rest of the body first. */
  readonly length: number;
}

export function arrayRecordList(records: readonly unknown[]): UsageRecordList {
  return { ready: () => Promise.resolve(), has: (index) => index < records.length, at: (index) => records[index], length: records.length };
}

/** The body is not valid JSON (found while reading it; the ingest stores nothing). */
export class UsageBodySyntaxError extends Error {
  constructor(message = "The body is not valid JSON.") {
    super(message);
    this.name = "UsageBodySyntaxError";
  }
}

/** The body holds more records than a request may. */
export class UsageBodyTooManyRecordsError extends Error {
  constructor(
    readonly maxRecords: number,
    readonly records: number,
  ) {
    super(`At most ${maxRecords} records per request; got ${records}. Split the batch.`);
    this.name = "UsageBodyTooManyRecordsError";
  }
}

/** Records per JSON.parse: large enough that the per-call cost vanishes, small enough to die young. */
const RECORDS_PER_SLICE = 2_000;
/** Records in the first slice (the ingest's first COPY chunk is 500 records, encoded-batch.ts). */
const FIRST_SLICE_RECORDS = 500;

/** Where a compact body's records meet: `}` `,` `{`. The slices' cut candidates. */
const RECORD_SEPARATOR = Buffer.from("},{");

/** Parsed slices kept for the reader: the ingest reads ≤ 5,000 records ahead (encoded-batch.ts). */
const CACHED_SLICES = 4;

interface Slice {
  /** The separator before the slice's first element (the array's `[` or a `,`). */
  from: number;
  /** The separator after its last element (a `,`, or the array's `]`). */
  to: number;
  first: number;
  count: number;
}

/**
 * The records of the body's top-level "value" array, cut into slices of ~`perSlice` elements as the
 * reader asks and the bytes arrive (ready()); each slice is decoded and JSON.parsed when cut, and
 * again when an older one is read (the rejection log).
 *
 * A slice is cut at a candidate separator: the first `},{` past a slice's size in bytes (estimated
 * from the first slice, which the structural scan cuts after 500 records). JSON.parse of
 * the bytes up to it, as an array, succeeds only if that comma separates two elements of "value"
 * (a comma inside a string or a nested value leaves a string or bracket open), so the parse itself
 * proves the cut, and no byte-by-byte scan of the 34 MB is needed. When no candidate works (the
 * first slice, the last one, a pretty-printed body, a `},{` inside a string) a structural scan
 * (json-body-scan.ts) finds the separator instead.
 *
 * Whatever is found wrong throws UsageBodySyntaxError when it is found, so the ingest's transaction
 * stores nothing. Once the array has closed, the rest of the envelope is checked too: the records are
 * only accepted if the whole body is valid JSON. A second "value" key (JSON.parse would keep the
 * last) is refused rather than guessed at.
 */
export class LazyJsonRecords implements UsageRecordList {
  private readonly slices: Slice[] = [];
  /** Records in the slices cut so far. */
  private total = 0;
  /** The separator the next slice starts after. */
  private next: number;
  /** Bytes of `perSlice` records, estimated from the first slice: where the next slices look for their cut. */
  private sliceBytes = 0;
  /** The array's closing `]` once a slice has reached it. */
  private close = -1;
  /** More than maxRecords elements: refused once the body is complete (to count them). */
  private tooManyFound = false;
  private finished = false;
  /**
   * Parsed slices not read past yet, by slice number: a cut parses its slice, and the reader (which
   * may have had several cut ahead by ready()) reads them from here, once each.
   */
  private readonly parsed = new Map<number, unknown[]>();
  /** The slice at() read last. */
  private reading = 0;

  constructor(
    private readonly source: ArrivingBytes,
    /** The offset of the array's opening `[`. */
    private readonly open: number,
    private readonly maxRecords: number,
    private readonly perSlice = RECORDS_PER_SLICE,
  ) {
    this.next = open;
  }

  async ready(index: number): Promise<void> {
    while (!this.finished && this.total <= index) {
      if (!this.cut()) await this.source.more();
    }
  }

  has(index: number): boolean {
    while (!this.finished && this.total <= index) {
      if (!this.cut()) throw new Error("Read past the bytes that have arrived: await ready() first.");
    }
    return index < this.total;
  }

  get length(): number {
    this.has(Number.MAX_SAFE_INTEGER);
    return this.total;
  }

  at(index: number): unknown {
    if (!Number.isInteger(index) || index < 0 || !this.has(index)) return undefined;
    const current = this.slices[this.reading];
    const number = index >= current.first && index < current.first + current.count ? this.reading : this.sliceOf(index);
    let records = this.parsed.get(number);
    if (!records) {
      const slice = this.slices[number];
      records = this.parseSlice(slice.from, slice.to, slice.count);
      this.parsed.set(number, records);
    }
    if (number !== this.reading) {
      // Moving on: the slices behind are done with (an older one read again is parsed again).
      for (const kept of this.parsed.keys()) if (kept < number) this.parsed.delete(kept);
      this.reading = number;
    }
    return records[index - this.slices[number].first];
  }

  /** The number of the slice that holds record `index` (a cut one). */
  private sliceOf(index: number): number {
    let low = 0;
    let high = this.slices.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.slices[middle].first <= index) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** Cuts the next slice, or checks the envelope after the last; false: it needs more bytes. */
  private cut(): boolean {
    const { bytes, available: end, complete } = this.source;
    if (this.tooManyFound || this.close >= 0) {
      // Both need the whole body: to count the elements, to check the envelope after the array.
      if (!complete) return false;
      if (this.tooManyFound) this.tooMany();
      const problem = envelopeTailProblem(bytes, this.open, this.close + 1, end);
      if (problem) throw new UsageBodySyntaxError(problem);
      this.finished = true;
      return true;
    }
    const from = this.next;
    if (this.sliceBytes > 0) {
      // The candidate is looked for between one and two slices' size on: a body without any (a
      // pretty-printed one) costs one bounded search per slice, not a search to its end.
      const window = Math.min(end, from + 2 * this.sliceBytes);
      const candidate = from + this.sliceBytes < window ? bytes.subarray(0, window).indexOf(RECORD_SEPARATOR, from + this.sliceBytes) : -1;
      if (candidate >= 0) {
        const records = this.tryParse(from, candidate + 1);
        if (records) {
          this.add({ from, to: candidate + 1, first: this.total, count: records.length }, records);
          return true;
        }
      } else if (!complete && window === end) {
        return false; // the window hasn't arrived whole yet
      }
    }
    // The first slice is short: the ingest starts on it while the rest of the body still inflates.
    const run = scanElements(bytes, from, end, this.slices.length === 0 ? Math.min(this.perSlice, FIRST_SLICE_RECORDS) : this.perSlice);
    if (run === "invalid") throw new UsageBodySyntaxError();
    if (run === null) {
      if (complete) throw new UsageBodySyntaxError();
      return false;
    }
    if (run.closes) this.close = run.to;
    else if (this.sliceBytes === 0) this.sliceBytes = Math.max(1, Math.round(((run.to - from) * this.perSlice) / run.count));
    if (run.count > 0) this.add({ from, to: run.to, first: this.total, count: run.count }, this.parseSlice(from, run.to, run.count));
    return true;
  }

  private add(slice: Slice, records: unknown[]): void {
    // A reader that ran far ahead (ready() of everything) re-parses instead of holding every record.
    if (this.parsed.size < CACHED_SLICES) this.parsed.set(this.slices.length, records);
    this.slices.push(slice);
    this.total += slice.count;
    this.next = slice.to;
    if (this.total > this.maxRecords) this.tooManyFound = true;
  }

  /** The elements between the separators at `from` and `to`, read as `[…]`; null when that isn't JSON. */
  private tryParse(from: number, to: number): unknown[] | null {
    const { bytes } = this.source;
    const before = bytes[from];
    const after = bytes[to];
    // The separators become brackets for the decode (and are put back): one flat string, no copy.
    bytes[from] = OPEN_BRACKET;
    bytes[to] = CLOSE_BRACKET;
    let text: string;
    try {
      text = bytes.toString("utf8", from, to + 1);
    } finally {
      bytes[from] = before;
      bytes[to] = after;
    }
    try {
      const parsed: unknown = JSON.parse(text);
      return Array.isArray(parsed) ? parsed : null;
    } catch {
      return null;
    }
  }

  /** tryParse of a run the scan counted: anything but `count` elements is invalid JSON. */
  private parseSlice(from: number, to: number, count: number): unknown[] {
    const records = this.tryParse(from, to);
    // n elements parse to n values unless the scan and JSON disagree about a separator.
    if (!records || records.length !== count) throw new UsageBodySyntaxError();
    return records;
  }

  /** Counts all the elements (for the message) and refuses the body. */
  private tooMany(): never {
    const { bytes, available } = this.source;
    const all = scanElements(bytes, this.open, available, Number.MAX_SAFE_INTEGER);
    const count = typeof all === "object" && all !== null && all.closes ? all.count : this.total;
    throw new UsageBodyTooManyRecordsError(this.maxRecords, count);
  }
}

/**
 * The records of a usageAggregates body read lazily (LazyJsonRecords), or null when the body doesn't
 * open as one — `{`, depth-1 keys, then "value": [ — so the caller parses it whole with JSON.parse,
 * whose verdict and errors stay the reference. Only the envelope before the array is scanned here.
 */
export function openUsageBody(bytes: Buffer, maxRecords: number, recordsPerSlice = RECORDS_PER_SLICE): LazyJsonRecords | null {
  const source = completeBytes(bytes);
  const open = valueArrayOpen(bytes, bytes.length, true);
  return open == null ? null : new LazyJsonRecords(source, open, maxRecords, recordsPerSlice);
}

/**
 * openUsageBody of a body that may still be arriving (being decompressed): answers as soon as the
 * envelope before the array has arrived, usually with the first chunk. A body that doesn't open as
 * a usageAggregates body is awaited whole (null: parse it with JSON.parse).
 */
export async function openArrivingUsageBody(source: ArrivingBytes, maxRecords: number, recordsPerSlice = RECORDS_PER_SLICE): Promise<LazyJsonRecords | null> {
  const openOf = () => valueArrayOpen(source.bytes, source.available, source.complete);
  let open = openOf();
  while (open === undefined) {
    await source.more();
    // The envelope before the array is a few bytes; rescanning it as chunks arrive costs nothing.
    open = openOf();
  }
  return open === null ? null : new LazyJsonRecords(source, open, maxRecords, recordsPerSlice);
}
