// Writes COPY text rows (tab-separated, backslash escapes, \N for null) straight from a CSV
// buffer's bytes into an output buffer: the recon import's hot path reads, checks and copies the
// bytes of a value without making a string of it. Every check here has a string twin in
// billed-line-values.ts, which the caller falls back to for the rare forms (a US date, an
// exponent, a field with a doubled quote) and for the words of an error. Pure.
import { copyTextValue, NUMBER_SCALE } from "./billed-line-values";

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const BACKSLASH = 0x5c;

export const isCellSpaceByte = (b: number) => b === SPACE || b === TAB || b === CR || b === LF;
const isDigit = (b: number) => b >= 0x30 && b <= 0x39;
const isHex = (b: number) => (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x66) || (b >= 0x41 && b <= 0x46);
const lowerByte = (b: number) => (b >= 0x41 && b <= 0x5a ? b + 32 : b);
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Where the string value of a JSON key is in a CSV field's bytes [s, e) (`quote`: 2 when the field
 * was quoted, its quotes doubled; 1 when it was not): [start, end) of the value; null when the key
 * is absent, its value isn't a string or holds a backslash (additionalInfoValue's rules).
 */
export function jsonStringValueAt(buf: Buffer, s: number, e: number, key: Buffer, quote: 1 | 2): [number, number] | null {
  const field = buf.subarray(s, e);
  for (let found = field.indexOf(key); found >= 0; found = field.indexOf(key, found + 1)) {
    let i = s + found + key.length;
    while (i < e && isCellSpaceByte(buf[i])) i++;
    // No colon after it: the name is another key's value, not the key.
    if (i >= e || buf[i] !== 0x3a) continue;
    i++;
    while (i < e && isCellSpaceByte(buf[i])) i++;
    if (i >= e) return [e, e];
    if (buf[i] !== 0x22) return null;
    const start = i + quote;
    let end = start;
    while (end < e && buf[end] !== 0x22) {
      if (buf[end] === BACKSLASH) return null;
      end++;
    }
    return [start, end];
  }
  return null;
}

export class CopyRowWriter {
  out: Buffer;
  pos = 0;

  constructor(readonly capacity: number) {
    this.out = Buffer.allocUnsafe(capacity);
  }

  /** Room for `bytes` more, else a new buffer: the full part is returned (to be yielded). */
  reserve(bytes: number): Buffer | null {
    if (this.pos + bytes <= this.out.length) return null;
    const full = this.pos > 0 ? this.out.subarray(0, this.pos) : null;
    this.out = Buffer.allocUnsafe(Math.max(this.capacity, bytes));
    this.pos = 0;
    return full;
  }

  /** What was written since the last take (a buffer of its own). */
  take(): Buffer | null {
    if (this.pos === 0) return null;
    const full = this.out.subarray(0, this.pos);
    this.out = Buffer.allocUnsafe(this.capacity);
    this.pos = 0;
    return full;
  }

  byte(b: number): void {
    this.out[this.pos++] = b;
  }

  tab(): void {
    this.out[this.pos++] = TAB;
  }

  end(): void {
    this.out[this.pos++] = LF;
  }

  nul(): void {
    this.out[this.pos++] = BACKSLASH;
    this.out[this.pos++] = 0x4e; // N
  }

  integer(value: number): void {
    this.pos += this.out.write(String(value), this.pos, "latin1");
  }

  /** A string value (escaped). */
  text(value: string): void {
    this.pos += this.out.write(copyTextValue(value), this.pos, "utf8");
  }

  /** Bytes [s, e) as they are (checked to need no escape). */
  raw(buf: Buffer, s: number, e: number): void {
    const out = this.out;
    let p = this.pos;
    for (let i = s; i < e; i++) out[p++] = buf[i];
    this.pos = p;
  }

  /**
   * Bytes [s, e) escaped, A–Z lowered when `lower`; returns false when a byte is beyond ASCII
   * (copied as is: PostgreSQL's lower() then applies).
   */
  escaped(buf: Buffer, s: number, e: number, lower: boolean): boolean {
    const out = this.out;
    let p = this.pos;
    let ascii = true;
    for (let i = s; i < e; i++) {
      const b = buf[i];
      if (b >= 0x80) ascii = false;
      if (b === BACKSLASH || b === TAB || b === LF || b === CR) {
        out[p++] = BACKSLASH;
        out[p++] = b === BACKSLASH ? BACKSLASH : b === TAB ? 0x74 : b === LF ? 0x6e : 0x72;
      } else out[p++] = lower ? lowerByte(b) : b;
    }
    this.pos = p;
    return ascii;
  }

  /** A GUID's bytes, lowered; false (nothing written) when [s, e) isn't one. */
  guid(buf: Buffer, s: number, e: number): boolean {
    if (e - s !== 36) return false;
    for (let i = 0; i < 36; i++) {
      const b = buf[s + i];
      if (i === 8 || i === 13 || i === 18 || i === 23 ? b !== 0x2d : !isHex(b)) return false;
    }
    const out = this.out;
    let p = this.pos;
    for (let i = s; i < e; i++) out[p++] = lowerByte(buf[i]);
    this.pos = p;
    return true;
  }

  /** An ISO day (YYYY-MM-DD…) in 2000–2099 at [s, e), written as YYYY-MM-DD; false (nothing written) otherwise. */
  isoDay(buf: Buffer, s: number, e: number): boolean {
    if (e - s < 10 || buf[s + 4] !== 0x2d || buf[s + 7] !== 0x2d) return false;
    for (let i = 0; i < 10; i++) if (i !== 4 && i !== 7 && !isDigit(buf[s + i])) return false;
    const year = (buf[s] - 0x30) * 1000 + (buf[s + 1] - 0x30) * 100 + (buf[s + 2] - 0x30) * 10 + (buf[s + 3] - 0x30);
    const month = (buf[s + 5] - 0x30) * 10 + (buf[s + 6] - 0x30);
    const day = (buf[s + 8] - 0x30) * 10 + (buf[s + 9] - 0x30);
    if (year < 2000 || year > 2099 || month < 1 || month > 12 || day < 1) return false;
    if (day > (month === 2 && year % 4 === 0 ? 29 : DAYS_IN_MONTH[month - 1])) return false;
    this.raw(buf, s, s + 10);
    return true;
  }

  /**
   * A plain decimal (sign, digits, one point; no exponent) under 10^digits at [s, e) (rounded to
   * NUMBER_SCALE decimals), copied;
   * otherwise nothing is written and the string check decides (an exponent, or a refusal).
   */
  plainNumber(buf: Buffer, s: number, e: number, digits: number): boolean {
    let i = s;
    if (i < e && (buf[i] === 0x2d || buf[i] === 0x2b)) i++;
    while (i < e && buf[i] === 0x30) i++;
    const intStart = i;
    while (i < e && isDigit(buf[i])) i++;
    const intDigits = i - intStart;
    let mantissa = intDigits > 0 || intStart > s + (buf[s] === 0x2d || buf[s] === 0x2b ? 1 : 0);
    let fractionDigits = 0;
    if (i < e && buf[i] === 0x2e) {
      i++;
      const fraction = i;
      while (i < e && isDigit(buf[i])) i++;
      fractionDigits = i - fraction;
      mantissa ||= fractionDigits > 0;
    }
    // At the bound, digits past the scale may round up to 10^digits: the string check decides.
    if (i !== e || !mantissa || intDigits > digits || (intDigits === digits && fractionDigits > NUMBER_SCALE)) return false;
    this.raw(buf, s, e);
    return true;
  }
}
