// The recon file's currency conversion (docs/currency.md): a line is priced in its pricing currency
// (the price list's: USD for the Azure plan) and billed in its billing partner's billing currency at
// that month's imported rate. Conversions are resolved once per file (resolve-recon-conversions.ts)
// and keyed by billing partner × pricing currency; a line whose key is absent is billed in its
// pricing currency at rate 1 (same currency, no billing currency set, or an unpriced line).
// No "server-only": pure, shared by both recon engines and the totals.

export interface ReconConversion {
  billingCurrency: string;
  /** PCToBCExchangeRate as decimal text (decimal.js toFixed: no exponent, no trailing zeros). */
  rate: string;
  /** PCToBCExchangeRateDate, YYYY-MM-DD. */
  rateDate: string;
}

/** By conversionKey(billing partner id, pricing currency). */
export type ReconConversions = Record<string, ReconConversion>;

export function conversionKey(billingPartnerId: string, pricingCurrency: string): string {
  return `${billingPartnerId}|${pricingCurrency}`;
}
