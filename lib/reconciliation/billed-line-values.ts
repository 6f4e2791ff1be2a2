// How a recon file's values are read: the rules the import applies to every Azure Stack line (its
// hot path, so plain string tests rather than a library per value; tests hold them against
// date-fns and decimal.js). Pure.
import Decimal from "decimal.js";

/** btrim(value, ' \t\r\n'): the whitespace a CSV cell carries around a value (not every Unicode space). */
export function trimCell(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isCellSpace(value.charCodeAt(start))) start++;
  while (end > start && isCellSpace(value.charCodeAt(end - 1))) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

const isCellSpace = (code: number) => code === 0x20 || code === 0x09 || code === 0x0d || code === 0x0a;

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, hex digits in either case. */
export const isGuid = (value: string) => GUID.test(value);

/** A decimal with an optional sign, point and exponent (1.5E-3; at most three exponent digits). */
const NUMBER = /^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]{1,3})?$/;

/** The scale of every number column a billed line is stored in (numeric(28, 10), numeric(24, 10)). */
export const NUMBER_SCALE = 10;

/**
 * "not-a-number", "too-large", or null for a number whose absolute value, rounded to NUMBER_SCALE
 * decimals as PostgreSQL stores it, is under 10^digits.
 */
export function checkNumber(value: string, digits: number): "not-a-number" | "too-large" | null {
  if (!NUMBER.test(value)) return "not-a-number";
  const exponent = value.search(/[eE]/);
  if (exponent >= 0) return roundsUpTo(value, digits) ? "too-large" : null;
  // No exponent: the integer part's digits, leading zeros aside, tell the magnitude exactly.
  const sign = value[0] === "-" || value[0] === "+" ? 1 : 0;
  const point = value.indexOf(".");
  let first = sign;
  const end = point < 0 ? value.length : point;
  while (first < end && value.charCodeAt(first) === 0x30) first++;
  // At the bound, nines past the scale round up to 10^digits.
  if (end - first === digits && point >= 0 && value.length - point - 1 > NUMBER_SCALE) return roundsUpTo(value, digits) ? "too-large" : null;
  return end - first > digits ? "too-large" : null;
}

const roundsUpTo = (value: string, digits: number) =>
  new Decimal(value).toDecimalPlaces(NUMBER_SCALE, Decimal.ROUND_HALF_UP).abs().gte(new Decimal(10).pow(digits));

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const US_DAY = /^([0-9]{1,2})\/([0-9]{1,2})\/([0-9]{4})/;

const isDigit = (code: number) => code >= 0x30 && code <= 0x39;

/**
 * The day a recon cell starts with, as YYYY-MM-DD: ISO (2026-10-05, 2026-10-05T00:00:00Z) or
 * Partner Center's US form (10/5/2026, 10/5/2026 12:00:00 AM), in 2000–2099; else null.
 */
export function parseReconDay(value: string): string | null {
  let year: number;
  let month: number;
  let day: number;
  if (
    value.length >= 10 &&
    value.charCodeAt(4) === 0x2d &&
    value.charCodeAt(7) === 0x2d &&
    isDigit(value.charCodeAt(0)) &&
    isDigit(value.charCodeAt(1)) &&
    isDigit(value.charCodeAt(2)) &&
    isDigit(value.charCodeAt(3)) &&
    isDigit(value.charCodeAt(5)) &&
    isDigit(value.charCodeAt(6)) &&
    isDigit(value.charCodeAt(8)) &&
    isDigit(value.charCodeAt(9))
  ) {
    year = Number(value.slice(0, 4));
    month = Number(value.slice(5, 7));
    day = Number(value.slice(8, 10));
  } else {
    const us = US_DAY.exec(value);
    if (!us) return null;
    [month, day, year] = [Number(us[1]), Number(us[2]), Number(us[3])];
  }
  if (year < 2000 || year > 2099 || month < 1 || month > 12 || day < 1) return null;
  // 2000–2099: every fourth year is a leap year.
  if (day > (month === 2 && year % 4 === 0 ? 29 : DAYS_IN_MONTH[month - 1])) return null;
  return `${year}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}`;
}

/**
 * The value of "azureStack.<key>" in AdditionalInfo's JSON, read without parsing the whole object
 * (it is on every line): the string after `"azureStack.<key>"` and a colon; null when absent, not
 * a string, or escaped (ids and dates never are).
 */
export function additionalInfoValue(info: string, key: string): string | null {
  const name = `"azureStack.${key}"`;
  for (let at = info.indexOf(name); at >= 0; at = info.indexOf(name, at + 1)) {
    let i = at + name.length;
    while (i < info.length && isCellSpace(info.charCodeAt(i))) i++;
    // No colon after it: the name is another key's value, not the key.
    if (info.charCodeAt(i) !== 0x3a) continue;
    i++;
    while (i < info.length && isCellSpace(info.charCodeAt(i))) i++;
    if (i === info.length) return "";
    if (info.charCodeAt(i) !== 0x22) return null;
    const close = info.indexOf('"', i + 1);
    const value = close < 0 ? info.slice(i + 1) : info.slice(i + 1, close);
    return value.includes("\\") ? null : value;
  }
  return null;
}

/** lower() for a resource URI: ASCII here; anything else is left to PostgreSQL's lower() (the rated lines' side uses it). */
export const isAscii = (value: string) => {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 0x7f) return false;
  return true;
};

/** A value in COPY's text format (tab-separated; backslash escapes). */
export function copyTextValue(value: string): string {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0x5c || code === 0x09 || code === 0x0a || code === 0x0d) {
      return value.replaceAll("\\", "\\\\").replaceAll("\t", "\\t").replaceAll("\n", "\\n").replaceAll("\r", "\\r");
    }
  }
  return value;
}
