// Byte-level scanning of a usageAggregates body ({"value":[…]}) for usage-record-list.ts: where the
// "value" array opens, where a run of its elements ends, and whether what follows the array is a
// valid envelope. Strings are skipped (escapes honoured) and brackets counted; JSON.parse stays the
// judge of everything else. Every function reads only bytes before `end` (the bytes that have
// arrived). Pure module.

export const OPEN_BRACKET = 0x5b;
export const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
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
 * Where the top-level "value" array opens — after `{` and depth-1 keys — or null when the body
 * doesn't open like that, or undefined when bytes[0, end) don't tell yet (`complete`: they are all).
 */
export function valueArrayOpen(bytes: Buffer, end: number, complete: boolean): number | null | undefined {
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

/** A run of array elements: `to` is the separator after it (a `,`, or the array's `]` when `closes`). */
export interface ElementRun {
  to: number;
  /** Elements in the run, counted by their separators (JSON.parse must agree). */
  count: number;
  closes: boolean;
}

/**
 * From the separator at `from` (the array's `[` or a `,` between elements, i.e. depth 2, outside
 * any string), the run of up to `most` elements: it ends at the separator after the last of them.
 * null: bytes[0, end) end before it does. "invalid": the array can't be valid JSON.
 */
export function scanElements(bytes: Uint8Array, from: number, end: number, most: number): ElementRun | null | "invalid" {
  const first = skipSpace(bytes, from + 1, end);
  if (first === end) return null;
  // `[]`: an empty array; after a `,` an element must follow (JSON.parse refuses `,]`).
  if (bytes[from] === OPEN_BRACKET && bytes[first] === CLOSE_BRACKET) return { to: first, count: 0, closes: true };
  let count = 1;
  let depth = 2;
  for (let at = first; at < end; at++) {
    const byte = bytes[at];
    if (byte === QUOTE) {
      const after = stringEnd(bytes, at, end);
      if (after < 0) return null;
      at = after - 1;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      depth++;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      if (depth === 2) return byte === CLOSE_BRACKET ? { to: at, count, closes: true } : "invalid";
      depth--;
    } else if (byte === COMMA && depth === 2) {
      if (count === most) return { to: at, count, closes: false };
      count++;
    }
  }
  return null;
}

/**
 * Whether the body after its "value" array (from `after`, just past the `]`, to `end`) closes the
 * envelope as valid JSON with no second depth-1 "value" (JSON.parse would keep the last one).
 * Answers the reason it doesn't, or null.
 */
export function envelopeTailProblem(bytes: Buffer, open: number, after: number, end: number): string | null {
  let depth = 1;
  let at = after;
  for (; at < end && depth > 0; at++) {
    const byte = bytes[at];
    if (byte === QUOTE) {
      const { key, end: keyEnd } = depthOneKey(bytes, at, end);
      if (keyEnd < 0) return "The body is not valid JSON.";
      if (depth === 1 && key === "value") return 'The body has more than one "value".';
      at = keyEnd - 1;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      depth++;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth--;
    }
  }
  if (depth !== 0 || skipSpace(bytes, at, end) !== end) return "The body is not valid JSON.";
  let envelope: unknown;
  try {
    envelope = JSON.parse(`${bytes.toString("utf8", 0, open)}[]${bytes.toString("utf8", after, end)}`);
  } catch {
    return "The body is not valid JSON.";
  }
  if (typeof envelope !== "object" || envelope === null || Array.isArray(envelope)) return "The body is not valid JSON.";
  return null;
}
