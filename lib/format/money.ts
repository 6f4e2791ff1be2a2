// The portal's one money formatter: every amount names its currency (ISO code, e.g. "USD 1,234.56"),
// formatted by Intl.NumberFormat from the decimal's string, so no float ever rounds an amount.
// Pure (no "server-only"): client components (charts, forms) format with it too.

/** Anything that prints itself as a decimal: decimal.js, Prisma.Decimal, a decimal string. */
export type DecimalLike = string | number | { toFixed(decimalPlaces?: number): string };

/** The locale of every number the portal shows (chosen once, see docs/architecture.md). */
export const DISPLAY_LOCALE = "en-US";

const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(currency: string, minimumFractionDigits: number, maximumFractionDigits: number): Intl.NumberFormat {
  const key = `${currency}|${minimumFractionDigits}|${maximumFractionDigits}`;
  let format = formats.get(key);
  if (!format) {
    format = currency
      ? new Intl.NumberFormat(DISPLAY_LOCALE, { style: "currency", currency, currencyDisplay: "code", minimumFractionDigits, maximumFractionDigits })
      : new Intl.NumberFormat(DISPLAY_LOCALE, { minimumFractionDigits, maximumFractionDigits });
    formats.set(key, format);
  }
  return format;
}

function decimalText(amount: DecimalLike, decimalPlaces: number): Intl.StringNumericLiteral {
  const text = typeof amount === "number" ? amount.toFixed(decimalPlaces) : typeof amount === "string" ? amount.trim() : amount.toFixed(decimalPlaces);
  // Intl.NumberFormat reads a decimal string exactly (no float in between); anything else is shown as 0.
  return (/^-?\d+(\.\d+)?$/.test(text) ? text : "0") as Intl.StringNumericLiteral;
}

/**
 * An amount with its currency, 2 decimals: "USD 1,234.56". A blank currency (lines no price list
 * covered) prints the bare number, so it is never passed off as some currency.
 */
export function formatMoney(amount: DecimalLike, currency: string): string {
  return numberFormat(currency, 2, 2).format(decimalText(amount, 2));
}

/** A unit price with its currency: at least 2 and up to 10 decimals ("USD 0.0125"). */
export function formatUnitPrice(amount: DecimalLike, currency: string): string {
  return numberFormat(currency, 2, 10).format(decimalText(amount, 10));
}

/** A chart axis tick: short, with the currency named once on the axis label instead. */
export function formatAxisAmount(value: number): string {
  return new Intl.NumberFormat(DISPLAY_LOCALE, { notation: "compact", maximumFractionDigits: 2 }).format(value);
}
