// The exchange-rate CSV (docs/currency.md): one rate per month and currency pair, checked line by
// line, so an operator sees every problem (line, field, code) at once and nothing is stored until the
// whole file is right. Pure (no "server-only"): tests call it directly.
import Decimal from "decimal.js";
import { parse } from "csv-parse/sync";
import { isSupportedCurrency } from "./supported-currencies";
import type { ExchangeRateCsvError } from "./currency-errors";

export const EXCHANGE_RATE_COLUMNS = ["Month", "PricingCurrency", "BillingCurrency", "Rate", "RateDate"] as const;
const REQUIRED_COLUMNS = ["Month", "PricingCurrency", "BillingCurrency", "Rate"] as const;
/** Far more than a year of every supported pair; a bigger file is a mistake, not a rate table. */
export const MAX_EXCHANGE_RATE_ROWS = 5000;

export interface ParsedExchangeRate {
  line: number;
  /** YYYY-MM-01 */
  month: string;
  pricingCurrency: string;
  billingCurrency: string;
  /** Decimal text, as decimal.js prints it (no exponent, no trailing zeros). */
  rate: string;
  /** YYYY-MM-DD: RateDate, or the month's first day when the column is absent or blank. */
  rateDate: string;
}

export type ParsedExchangeRates = { ok: true; rates: ParsedExchangeRate[] } | { ok: false; errors: ExchangeRateCsvError[] };

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** numeric(20,10): up to 10 integer and 10 fractional digits. */
const RATE = /^\d{1,10}(\.\d{1,10})?$/;

function isRealDay(text: string): boolean {
  if (!DAY.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function lastDayOfMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

export function parseExchangeRateCsv(text: string): ParsedExchangeRates {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  let header: string[] = [];
  const captureHeader = (names: string[]) => (header = names.map((name) => name.trim()));
  try {
    records = parse(text, { bom: true, columns: captureHeader, info: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    const line = typeof error === "object" && error !== null && "lines" in error && typeof error.lines === "number" ? error.lines : 1;
    return {
      ok: false,
      errors: [{ line, field: "", code: "Malformed", message: `Not readable as CSV: ${error instanceof Error ? error.message : "unknown error"}.` }],
    };
  }
  const columns = new Set(header);
  const missing = REQUIRED_COLUMNS.filter((column) => !columns.has(column));
  if (missing.length > 0) {
    return { ok: false, errors: missing.map((field) => ({ line: 1, field, code: "MissingColumn", message: `Required column ${field} is missing.` })) };
  }
  if (records.length === 0) return { ok: false, errors: [{ line: 2, field: "", code: "Empty", message: "The file has no rates." }] };
  if (records.length > MAX_EXCHANGE_RATE_ROWS) {
    return { ok: false, errors: [{ line: 1, field: "", code: "TooManyRows", message: `At most ${MAX_EXCHANGE_RATE_ROWS} rates per file.` }] };
  }
  const errors: ExchangeRateCsvError[] = [];
  const rates: ParsedExchangeRate[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of records) {
    const line = info.lines;
    const fail = (field: string, code: ExchangeRateCsvError["code"], message: string) => errors.push({ line, field, code, message });
    const before = errors.length;
    const month = record.Month ?? "";
    const pricing = (record.PricingCurrency ?? "").toUpperCase();
    const billing = (record.BillingCurrency ?? "").toUpperCase();
    const rate = record.Rate ?? "";
    const rateDateText = record.RateDate ?? "";
    if (!month) fail("Month", "Required", "Month is required (YYYY-MM).");
    else if (!MONTH.test(month)) fail("Month", "InvalidMonth", `"${month}" is not a month: use YYYY-MM.`);
    for (const [field, code] of [
      ["PricingCurrency", pricing],
      ["BillingCurrency", billing],
    ] as const) {
      if (!code) fail(field, "Required", `${field} is required (an ISO 4217 code).`);
      else if (!isSupportedCurrency(code)) fail(field, "UnsupportedCurrency", `"${code}" is not a supported ISO 4217 currency.`);
    }
    if (pricing && pricing === billing) fail("BillingCurrency", "SameCurrency", "Billing and pricing currency are the same: no rate is needed.");
    if (!rate) fail("Rate", "Required", "Rate is required.");
    else if (!RATE.test(rate) || new Decimal(rate).lte(0)) {
      fail("Rate", "InvalidRate", `"${rate}" is not a rate: a positive decimal number with at most 10 integer and 10 fractional digits.`);
    }
    const monthStart = MONTH.test(month) ? `${month}-01` : "";
    const rateDate = rateDateText || monthStart;
    if (rateDateText && !isRealDay(rateDateText)) fail("RateDate", "InvalidRateDate", `"${rateDateText}" is not a day: use YYYY-MM-DD.`);
    else if (rateDateText && monthStart && rateDateText > lastDayOfMonth(month)) {
      fail("RateDate", "InvalidRateDate", `The rate of ${month} can't be determined after the month (${rateDateText}).`);
    }
    if (errors.length > before) continue;
    const key = `${month}|${pricing}|${billing}`;
    const first = seen.get(key);
    if (first !== undefined) {
      fail("Month", "Duplicate", `${pricing}→${billing} for ${month} is already on line ${first}.`);
      continue;
    }
    seen.set(key, line);
    rates.push({ line, month: monthStart, pricingCurrency: pricing, billingCurrency: billing, rate: new Decimal(rate).toFixed(), rateDate });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rates };
}
