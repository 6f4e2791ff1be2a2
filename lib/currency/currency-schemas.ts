// Input schemas of the currency actions, shared with their forms. No "server-only".
import { z } from "zod";
import { SUPPORTED_CURRENCIES } from "./supported-currencies";

/** "" clears the setting: each line is then billed in its pricing currency (its market price list's). */
export const setBillingCurrencySchema = z.object({
  billingCurrency: z
    .enum(["", ...SUPPORTED_CURRENCIES], { error: `Choose one of ${SUPPORTED_CURRENCIES.join(", ")}.` })
    .transform((code) => (code === "" ? null : code)),
});

/** The CSV's text; 1 MB is thousands of rates, far beyond a year of every supported pair. */
export const importExchangeRatesSchema = z.object({
  csv: z.string().min(1, "Choose a CSV file.").max(1_000_000, "The file is larger than 1 MB."),
});
