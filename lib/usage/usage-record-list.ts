// The records of a usageAggregates body ({"value":[…]}), read from the body's bytes a slice at a
// time as the ingest reaches them, instead of JSON.parse of the whole body up front. JSON.parse of a
// 50,000-record body builds ~600,000 objects that all stay alive until the batch commits, and it
// (with the 34 MB string it needs and the structural scan) ran before the first row could go to the
// database, with the server idle. Read lazily, the ingest's COPY starts after the first 2,000
// records; the scan, decode and parse of the rest run while the server works, and each slice's
// records die as soon as they are encoded. Pure module: no "server-only", the tests use it directly.
import { completeBytes, type ArrivingBytes } from "./arriving-bytes";

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

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

const isSpace = (byte: number) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;

/** The index just past the string whose opening quote is at `open`, or -1 when it doesn't end before `end`. */
function stringEnd(bytes: Uint8Array, open: number, end: number): number {
  for (let at = open + 1; at < end; at++) {
    const byte = bytes[at];
    if (byte === QUOTE) return at + 1;
    if (byte === BACKSLASH) at++;
  }
  return -1;
}

function skipSpace(bytes: Uint8Array, at: number, end: number): number {
  while (at < end && isSpace(bytes[at])) at++;
  return at;
}

/** The object key whose quoted token spans [open, end), decoded as JSON.parse would. */
function keyAt(bytes: Buffer, open: number, end: number): string {
  const raw = bytes.toString("utf8", open + 1, end - 1);
  if (!raw.includes("\\")) return raw;
  try {
    return JSON.parse(bytes.toString("utf8", open, end)) as string;
  } catch {
    return raw; // not a valid string: the envelope check refuses the body later
  }
}

/**
 * The depth-1 key of the string at `at`, or null when that string is not a key (no colon follows).
 * Answers the key and the index just past the string (-1: the string doesn't end before `limit`).
 */
function depthOneKey(bytes: Buffer, at: number, limit: number): { key: string | null; end: number } {
  const end = stringEnd(bytes, at, limit);
  if (end < 0) return { key: null, end: -1 };
  return { key: bytes[skipSpace(bytes, end, limit)] === COLON ? keyAt(bytes, at, end) : null, end };
}

/**
 * The records of the body's top-level "value" array, found by a structural scan over the bytes
 * (strings skipped, brackets counted) that runs only as far as the reader has asked and the bytes
 * have arrived (ready()); each slice is decoded and JSON.parsed when first read. Whatever the scan
 * or a parse finds wrong throws UsageBodySyntaxError when it is found, so the ingest's transaction
 * stores nothing. Once the scan reaches the end, the envelope (the body with "value" as []) is
 * parsed too: the records are only accepted if the whole body is valid JSON. A second "value" key
 * (JSON.parse would keep the last) is refused rather than guessed at.
 */
export class LazyJsonRecords implements UsageRecordList {
  /** Byte offsets where each element begins (just after the `[` or the `,` before it). */
  private readonly starts: number[] = [];
  private position: number;
  private depth = 2;
  /** The offset of the array's closing `]` once the scan has found it. */
  private close = -1;
  /** More than maxRecords elements: refused once the body is complete (to count them). */
  private tooManyFound = false;
  private finished = false;
  private sliceIndex = -1;
  private slice: unknown[] = [];

  constructor(
    private readonly source: ArrivingBytes,
    /** The offset of the array's opening `[`. */
    private readonly open: number,
    private readonly maxRecords: number,
    private readonly perSlice = RECORDS_PER_SLICE,
  ) {
    this.position = open + 1;
  }

  async ready(index: number): Promise<void> {
    // at(index) cuts index's whole slice: up to the start of the next slice's first element.
    const needed = Math.min(Number.MAX_SAFE_INTEGER, (Math.floor(index / this.perSlice) + 1) * this.perSlice);
    while (!this.scanned(needed)) await this.source.more();
  }

  /** Scans what has arrived until `index` can be answered; false: it needs more bytes. */
  private scanned(index: number): boolean {
    // A slice can only be cut once the element after it has started (or the array has closed).
    while (!this.finished && this.starts.length <= index + 1) {
      if (!this.scan(this.perSlice)) return false;
    }
    return true;
  }

  private arrived(index: number): void {
    if (!this.scanned(index)) throw new Error("Read past the bytes that have arrived: await ready() first.");
  }

  has(index: number): boolean {
    this.arrived(index);
    return index < this.starts.length;
  }

  get length(): number {
    this.arrived(Number.MAX_SAFE_INTEGER);
    return this.starts.length;
  }

  at(index: number): unknown {
    if (!Number.isInteger(index) || index < 0 || !this.has(index)) return undefined;
    const wanted = Math.floor(index / this.perSlice);
    if (wanted !== this.sliceIndex) {
      const first = wanted * this.perSlice;
      const next = first + this.perSlice;
      this.has(next);
      const from = this.starts[first] - 1;
      // The separator before the next slice, or the closing bracket.
      const to = next < this.starts.length ? this.starts[next] - 1 : this.close;
      this.slice = this.parseSlice(from, to, Math.min(this.perSlice, this.starts.length - first));
      this.sliceIndex = wanted;
    }
    return this.slice[index - this.sliceIndex * this.perSlice];
  }

  /** JSON.parse of the elements between the separators at `from` and `to`, read as `[…]`. */
  private parseSlice(from: number, to: number, expected: number): unknown[] {
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
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new UsageBodySyntaxError();
    }
    // n elements parse to n values unless the scan and JSON disagree about a separator.
    if (!Array.isArray(parsed) || parsed.length !== expected) throw new UsageBodySyntaxError();
    return parsed;
  }

  /**
   * Scans on until `more` further elements have started or the array has closed (true), or until
   * the bytes that have arrived run out (false; a complete body that ends there is invalid).
   */
  private scan(more: number): boolean {
    const { bytes, available: end, complete } = this.source;
    if (this.tooManyFound || this.close >= 0) {
      // Both need the whole body: to count the elements, to check the envelope after the array.
      if (!complete) return false;
      if (this.tooManyFound) this.tooMany();
      this.finish(this.close + 1);
      return true;
    }
    if (this.starts.length === 0 && this.position === this.open + 1) {
      // The first element starts just after the `[` unless the array is empty.
      const first = skipSpace(bytes, this.position, end);
      if (first === end && !complete) return false;
      if (bytes[first] !== CLOSE_BRACKET) this.starts.push(this.position);
    }
    const target = this.starts.length + more;
    let at = this.position;
    let { depth } = this;
    for (; at < end && this.starts.length < target; at++) {
      const byte = bytes[at];
      if (byte === QUOTE) {
        const after = stringEnd(bytes, at, end);
        if (after < 0) break; // resumes at the quote when more has arrived
        at = after - 1;
      } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        depth++;
      } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        if (depth === 2) {
          if (byte !== CLOSE_BRACKET) throw new UsageBodySyntaxError();
          this.close = at;
          this.position = at;
          if (!complete) return false;
          this.finish(at + 1);
          return true;
        }
        depth--;
      } else if (byte === COMMA && depth === 2) {
        if (this.starts.length >= this.maxRecords) {
          this.tooManyFound = true;
          if (!complete) return false;
          this.tooMany();
        }
        this.starts.push(at + 1);
      }
    }
    this.position = at;
    this.depth = depth;
    if (this.starts.length >= target) return true;
    if (complete) throw new UsageBodySyntaxError();
    return false;
  }

  /** Counts the rest of the elements (for the message) and refuses the body. */
  private tooMany(): never {
    let count = this.starts.length + 1;
    try {
      const rest = new LazyJsonRecords(this.source, this.open, Number.MAX_SAFE_INTEGER, this.perSlice);
      count = rest.length;
    } catch {
      // invalid further on: the count so far is the best answer
    }
    throw new UsageBodyTooManyRecordsError(this.maxRecords, count);
  }

  /** After the array (the body is complete): the rest of the envelope, then the envelope as a whole must be valid JSON. */
  private finish(after: number): void {
    const { bytes, available: end } = this.source;
    let depth = 1;
    let at = after;
    for (; at < end && depth > 0; at++) {
      const byte = bytes[at];
      if (byte === QUOTE) {
        const { key, end: keyEnd } = depthOneKey(bytes, at, end);
        if (keyEnd < 0) throw new UsageBodySyntaxError();
        if (depth === 1 && key === "value") throw new UsageBodySyntaxError('The body has more than one "value".');
        at = keyEnd - 1;
      } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        depth++;
      } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        depth--;
      }
    }
    if (depth !== 0 || skipSpace(bytes, at, end) !== end) throw new UsageBodySyntaxError();
    let envelope: unknown;
    try {
      envelope = JSON.parse(`${bytes.toString("utf8", 0, this.open)}[]${bytes.toString("utf8", after, end)}`);
    } catch {
      throw new UsageBodySyntaxError();
    }
    if (typeof envelope !== "object" || envelope === null || Array.isArray(envelope)) throw new UsageBodySyntaxError();
    this.position = end;
    this.finished = true;
  }
}

/**
 * Where the body's top-level "value" array opens — after `{` and depth-1 keys — or null when the
 * body doesn't open like that, or undefined when the bytes that have arrived don't tell yet.
 */
function valueArrayOpen(source: ArrivingBytes): number | null | undefined {
  const { bytes, available: end, complete } = source;
  const undecided = complete ? null : undefined;
  let at = skipSpace(bytes, 0, end);
  if (at === end) return undecided;
  if (bytes[at] !== OPEN_BRACE) return null;
  let depth = 0;
  let lastKey: string | null = null;
  for (; at < end; at++) {
    const byte = bytes[at];
    if (byte === QUOTE) {
      const { key, end: keyEnd } = depthOneKey(bytes, at, end);
      if (keyEnd < 0) return undecided;
      if (depth === 1 && key !== null) lastKey = key;
      at = keyEnd - 1;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      depth++;
      if (depth === 2 && byte === OPEN_BRACKET && lastKey === "value") return at;
      if (depth === 2) lastKey = null;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth--;
      if (depth <= 0) return null;
    }
  }
  return undecided;
}

/**
 * The records of a usageAggregates body read lazily (LazyJsonRecords), or null when the body doesn't
 * open as one — `{`, depth-1 keys, then "value": [ — so the caller parses it whole with JSON.parse,
 * whose verdict and errors stay the reference. Only the envelope before the array is scanned here.
 */
export function openUsageBody(bytes: Buffer, maxRecords: number, recordsPerSlice = RECORDS_PER_SLICE): LazyJsonRecords | null {
  const source = completeBytes(bytes);
  const open = valueArrayOpen(source);
  return open == null ? null : new LazyJsonRecords(source, open, maxRecords, recordsPerSlice);
}

/**
 * openUsageBody of a body that may still be arriving (being decompressed): answers as soon as the
 * envelope before the array has arrived, usually with the first chunk. A body that doesn't open as
 * a usageAggregates body is awaited whole (null: parse it with JSON.parse).
 */
export async function openArrivingUsageBody(source: ArrivingBytes, maxRecords: number, recordsPerSlice = RECORDS_PER_SLICE): Promise<LazyJsonRecords | null> {
  let open = valueArrayOpen(source);
  while (open === undefined) {
    await source.more();
    // The envelope before the array is a few bytes; rescanning it as chunks arrive costs nothing.
    open = valueArrayOpen(source);
  }
  return open === null ? null : new LazyJsonRecords(source, open, maxRecords, recordsPerSlice);
}
