// The ISO 4217 currencies a partner may be billed in: those Partner Center bills Azure plan usage in
// (a customer country's assigned currency), limited to currencies with two minor units, since every
// recon amount is FLOORed to the cent. No "server-only": the settings form lists them too.

export const SUPPORTED_CURRENCIES = ["AUD", "BRL", "CAD", "CHF", "DKK", "EUR", "GBP", "INR", "NOK", "NZD", "SEK", "USD", "ZAR"] as const;

export type SupportedCurrency = (typeof SUPPORTED_CURRENCIES)[number];

/** The Azure plan price list's currency: every Azure plan price is in USD (docs/currency.md). */
export const AZURE_PLAN_PRICING_CURRENCY: SupportedCurrency = "USD";

export function isSupportedCurrency(code: string): code is SupportedCurrency {
  return (SUPPORTED_CURRENCIES as readonly string[]).includes(code);
}
