// The records of a usageAggregates body ({"value":[…]}), parsed a slice at a time as the ingest
// reads them instead of all at once. JSON.parse of a whole 50,000-record body builds ~600,000
// objects that all stay alive until the batch commits, and every young-generation GC during the
// batch copies them again (measured: ~4 scavenges and a mark-compact per batch, 20 % of the
// ingest's Node time). Parsed slice by slice, a slice's records die as soon as they are encoded,
// and the parse itself runs while PostgreSQL is busy with the COPY of the previous slice.
// Pure module: no "server-only", the tests and the benchmark use it directly.

/** What the ingest reads records through: an array qualifies, and so does JsonRecordSlices. */
export interface UsageRecordList {
  readonly length: number;
  at(index: number): unknown;
}

/** A slice of records could not be parsed: the body is not valid JSON. */
export class UsageBodySyntaxError extends Error {
  constructor() {
    super("The body is not valid JSON.");
    this.name = "UsageBodySyntaxError";
  }
}

/** Records per JSON.parse: large enough that the per-call cost vanishes, small enough to die young. */
const RECORDS_PER_SLICE = 2_000;

/**
 * The elements of one JSON array inside a larger text, each parsed on first access together with
 * its slice. Access is meant to be mostly sequential (the ingest's loops); one slice is kept.
 * A slice that isn't valid JSON throws UsageBodySyntaxError when first read.
 */
export class JsonRecordSlices implements UsageRecordList {
  private sliceIndex = -1;
  private slice: unknown[] = [];

  /**
   * `starts[i]`: where element i's text begins (just after the `[` or the `,` before it);
   * `end`: the index of the array's closing `]`. Element i runs up to the separator before element i + 1.
   */
  constructor(
    private readonly text: string,
    private readonly starts: Int32Array,
    private readonly end: number,
    private readonly perSlice = RECORDS_PER_SLICE,
  ) {}

  get length(): number {
    return this.starts.length;
  }

  at(index: number): unknown {
    if (!Number.isInteger(index) || index < 0 || index >= this.starts.length) return undefined;
    const wanted = Math.floor(index / this.perSlice);
    if (wanted !== this.sliceIndex) {
      const first = wanted * this.perSlice;
      const next = first + this.perSlice;
      // Up to the separator before the next slice's first element (or the closing bracket): the
      // commas between this slice's elements are inside, so JSON.parse checks them too.
      const to = next < this.starts.length ? this.starts[next] - 1 : this.end;
      let parsed: unknown;
      try {
        parsed = JSON.parse(`[${this.text.slice(this.starts[first], to)}]`);
      } catch {
        throw new UsageBodySyntaxError();
      }
      // A slice of n elements parses to n values unless a stray comma split or merged them.
      if (!Array.isArray(parsed) || parsed.length !== Math.min(this.perSlice, this.starts.length - first)) throw new UsageBodySyntaxError();
      this.slice = parsed;
      this.sliceIndex = wanted;
    }
    return this.slice[index - this.sliceIndex * this.perSlice];
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

const isSpace = (code: number) => code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;

/** The index just past the string starting at `open` (a quote), or -1 when it never ends. */
function stringEnd(text: string, open: number): number {
  let at = open + 1;
  for (;;) {
    const quote = text.indexOf('"', at);
    if (quote < 0) return -1;
    let backslashes = 0;
    for (let i = quote - 1; text.charCodeAt(i) === BACKSLASH; i--) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    at = quote + 1;
  }
}

/**
 * Splits a usageAggregates body into its envelope and its "value" records without parsing the
 * records: a structural scan (strings skipped with indexOf) that finds where each element of the
 * top-level "value" array begins. Answers null when the body isn't that shape or the scan meets
 * anything it doesn't expect (unbalanced brackets, an unterminated string, "value" twice, …): the
 * caller then parses the whole body with JSON.parse, whose verdict and errors stay the reference.
 * The envelope (everything but the records, with "value" as []) is parsed here, so it is valid
 * JSON when this answers; each records slice is checked by JSON.parse when first read.
 */
export function splitUsageBody(text: string, recordsPerSlice = RECORDS_PER_SLICE): { envelope: Record<string, unknown>; records: JsonRecordSlices } | null {
  let at = 0;
  while (at < text.length && isSpace(text.charCodeAt(at))) at++;
  if (text.charCodeAt(at) !== OPEN_BRACE) return null;
  let depth = 0;
  let arrayOpen = -1;
  let arrayClose = -1;
  let inValue = false;
  let starts: number[] = [];
  let lastKey: string | null = null;
  let valueKeys = 0;
  for (; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === QUOTE) {
      const end = stringEnd(text, at);
      if (end < 0) return null;
      if (depth === 1) {
        let next = end;
        while (next < text.length && isSpace(text.charCodeAt(next))) next++;
        if (text.charCodeAt(next) === COLON) {
          lastKey = text.slice(at + 1, end - 1);
          // An escaped key may spell "value" (\u0076alue): only JSON.parse reads it right.
          if (lastKey.includes("\\")) return null;
          // "value" twice: JSON.parse keeps the last, whatever it is; let it decide.
          if (lastKey === "value" && ++valueKeys > 1) return null;
        }
      }
      at = end - 1;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      depth++;
      if (depth === 2 && code === OPEN_BRACKET && lastKey === "value") {
        arrayOpen = at;
        inValue = true;
        starts = [];
        // An empty array has no element: only whitespace before its closing bracket.
        let next = at + 1;
        while (next < text.length && isSpace(text.charCodeAt(next))) next++;
        if (text.charCodeAt(next) !== CLOSE_BRACKET) starts.push(at + 1);
      }
      if (depth === 2) lastKey = null;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      if (depth === 2 && inValue) {
        if (code !== CLOSE_BRACKET) return null;
        arrayClose = at;
        inValue = false;
      }
      depth--;
      if (depth < 0) return null;
      if (depth === 0) {
        at++;
        break;
      }
    } else if (code === COMMA && depth === 2 && inValue) {
      starts.push(at + 1);
    }
  }
  if (depth !== 0 || arrayOpen < 0 || arrayClose < 0) return null;
  for (; at < text.length; at++) if (!isSpace(text.charCodeAt(at))) return null;
  let envelope: unknown;
  try {
    envelope = JSON.parse(`${text.slice(0, arrayOpen)}[]${text.slice(arrayClose + 1)}`);
  } catch {
    return null;
  }
  if (typeof envelope !== "object" || envelope === null || Array.isArray(envelope)) return null;
  return { envelope: envelope as Record<string, unknown>, records: new JsonRecordSlices(text, Int32Array.from(starts), arrayClose, recordsPerSlice) };
}
