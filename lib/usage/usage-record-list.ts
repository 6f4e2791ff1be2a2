// The records of a usageAggregates body ({"value":[…]}), read from the body's bytes a slice at a
// time as the ingest reaches them, instead of JSON.parse of the whole body up front. JSON.parse of a
// 50,000-record body builds ~600,000 objects that all stay alive until the batch commits, and it
// (with the 34 MB string it needs and the structural scan) ran before the first row could go to the
// database, with the server idle. Read lazily, the ingest's COPY starts after the first 2,000
// records; the scan, decode and parse of the rest run while the server works, and each slice's
// records die as soon as they are encoded. Pure module: no "server-only", the tests use it directly.

/** What the ingest reads records through (an array, via arrayRecordList, or a LazyJsonRecords). */
export interface UsageRecordList {
  /** Whether record `index` exists; a lazy list reads further into the body to know. */
  has(index: number): boolean;
  at(index: number): unknown;
  /** How many records there are; a lazy list reads (and checks) the rest of the body first. */
  readonly length: number;
}

export function arrayRecordList(records: readonly unknown[]): UsageRecordList {
  return { has: (index) => index < records.length, at: (index) => records[index], length: records.length };
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

/** The index just past the string whose opening quote is at `open`, or -1 when it never ends. */
function stringEnd(bytes: Uint8Array, open: number): number {
  for (let at = open + 1; at < bytes.length; at++) {
    const byte = bytes[at];
    if (byte === QUOTE) return at + 1;
    if (byte === BACKSLASH) at++;
  }
  return -1;
}

function skipSpace(bytes: Uint8Array, at: number): number {
  while (at < bytes.length && isSpace(bytes[at])) at++;
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
 * Answers the key and the index just past the string.
 */
function depthOneKey(bytes: Buffer, at: number): { key: string | null; end: number } {
  const end = stringEnd(bytes, at);
  if (end < 0) return { key: null, end: -1 };
  return { key: bytes[skipSpace(bytes, end)] === COLON ? keyAt(bytes, at, end) : null, end };
}

/**
 * The records of the body's top-level "value" array, found by a structural scan over the bytes
 * (strings skipped, brackets counted) that runs only as far as the reader has asked; each slice is
 * decoded and JSON.parsed when first read. Whatever the scan or a parse finds wrong throws
 * UsageBodySyntaxError when it is found, so the ingest's transaction stores nothing. Once the scan
 * reaches the end, the envelope (the body with "value" as []) is parsed too: the records are only
 * accepted if the whole body is valid JSON. A second "value" key (JSON.parse would keep the last) is
 * refused rather than guessed at.
 */
export class LazyJsonRecords implements UsageRecordList {
  /** Byte offsets where each element begins (just after the `[` or the `,` before it). */
  private readonly starts: number[] = [];
  private position: number;
  private depth = 2;
  /** The offset of the array's closing `]` once the scan has found it. */
  private close = -1;
  private finished = false;
  private sliceIndex = -1;
  private slice: unknown[] = [];

  constructor(
    private readonly bytes: Buffer,
    /** The offset of the array's opening `[`. */
    private readonly open: number,
    private readonly maxRecords: number,
    private readonly perSlice = RECORDS_PER_SLICE,
  ) {
    this.position = open + 1;
    const first = skipSpace(bytes, this.position);
    if (bytes[first] !== CLOSE_BRACKET) this.starts.push(this.position);
  }

  has(index: number): boolean {
    // A slice can only be cut once the element after it has started (or the array has closed).
    while (!this.finished && this.starts.length <= index + 1) this.scan(this.perSlice);
    return index < this.starts.length;
  }

  get length(): number {
    while (!this.finished) this.scan(Number.MAX_SAFE_INTEGER);
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
    const { bytes } = this;
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

  /** Scans on until `more` further elements have started, the array has closed, or the body ended. */
  private scan(more: number): void {
    const { bytes } = this;
    const target = this.starts.length + more;
    let at = this.position;
    let { depth } = this;
    for (; at < bytes.length && this.starts.length < target; at++) {
      const byte = bytes[at];
      if (byte === QUOTE) {
        at = stringEnd(bytes, at) - 1;
        if (at < 0) throw new UsageBodySyntaxError();
      } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        depth++;
      } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        if (depth === 2) {
          if (byte !== CLOSE_BRACKET) throw new UsageBodySyntaxError();
          this.close = at;
          this.finish(at + 1);
          return;
        }
        depth--;
      } else if (byte === COMMA && depth === 2) {
        if (this.starts.length >= this.maxRecords) this.tooMany();
        this.starts.push(at + 1);
      }
    }
    this.position = at;
    this.depth = depth;
    if (at >= bytes.length) throw new UsageBodySyntaxError();
  }

  /** Counts the rest of the elements (for the message) and refuses the body. */
  private tooMany(): never {
    let count = this.starts.length + 1;
    try {
      const rest = new LazyJsonRecords(this.bytes, this.open, Number.MAX_SAFE_INTEGER, this.perSlice);
      count = rest.length;
    } catch {
      // invalid further on: the count so far is the best answer
    }
    throw new UsageBodyTooManyRecordsError(this.maxRecords, count);
  }

  /** After the array: the rest of the envelope, then the envelope as a whole must be valid JSON. */
  private finish(after: number): void {
    const { bytes } = this;
    let depth = 1;
    let at = after;
    for (; at < bytes.length && depth > 0; at++) {
      const byte = bytes[at];
      if (byte === QUOTE) {
        const { key, end } = depthOneKey(bytes, at);
        if (end < 0) throw new UsageBodySyntaxError();
        if (depth === 1 && key === "value") throw new UsageBodySyntaxError('The body has more than one "value".');
        at = end - 1;
      } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        depth++;
      } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        depth--;
      }
    }
    if (depth !== 0 || skipSpace(bytes, at) !== bytes.length) throw new UsageBodySyntaxError();
    let envelope: unknown;
    try {
      envelope = JSON.parse(`${bytes.toString("utf8", 0, this.open)}[]${bytes.toString("utf8", after)}`);
    } catch {
      throw new UsageBodySyntaxError();
    }
    if (typeof envelope !== "object" || envelope === null || Array.isArray(envelope)) throw new UsageBodySyntaxError();
    this.position = bytes.length;
    this.finished = true;
  }
}

/**
 * The records of a usageAggregates body read lazily (LazyJsonRecords), or null when the body doesn't
 * open as one — `{`, depth-1 keys, then "value": [ — so the caller parses it whole with JSON.parse,
 * whose verdict and errors stay the reference. Only the envelope before the array is scanned here.
 */
export function openUsageBody(bytes: Buffer, maxRecords: number, recordsPerSlice = RECORDS_PER_SLICE): LazyJsonRecords | null {
  let at = skipSpace(bytes, 0);
  if (bytes[at] !== OPEN_BRACE) return null;
  let depth = 0;
  let lastKey: string | null = null;
  for (; at < bytes.length; at++) {
    const byte = bytes[at];
    if (byte === QUOTE) {
      const { key, end } = depthOneKey(bytes, at);
      if (end < 0) return null;
      if (depth === 1 && key !== null) lastKey = key;
      at = end - 1;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      depth++;
      if (depth === 2 && byte === OPEN_BRACKET && lastKey === "value") return new LazyJsonRecords(bytes, at, maxRecords, recordsPerSlice);
      if (depth === 2) lastKey = null;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth--;
      if (depth <= 0) return null;
    }
  }
  return null;
}
