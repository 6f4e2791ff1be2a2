// The currency domain's error codes, shared with the forms that show them. No "server-only".

export const CURRENCY_ERROR_CODES = {
  /** The rates CSV has errors; `lines` lists each (line, field, code). */
  InvalidExchangeRateCsv: "InvalidExchangeRateCsv",
  /** A month's usage is billed in a currency other than its pricing currency and no rate was imported. */
  ExchangeRateMissing: "ExchangeRateMissing",
  /** Only the partner Microsoft bills (a direct CSP or a distributor) sets currencies and rates. */
  NotBillingPartner: "NotBillingPartner",
} as const;

/** One problem of one CSV line: the line number (header = 1), the column and a code. */
export interface ExchangeRateCsvError {
  line: number;
  field: string;
  code:
    | "MissingColumn"
    | "Malformed"
    | "Required"
    | "InvalidMonth"
    | "UnsupportedCurrency"
    | "SameCurrency"
    | "InvalidRate"
    | "InvalidRateDate"
    | "Duplicate"
    | "Empty"
    | "TooManyRows";
  message: string;
}
