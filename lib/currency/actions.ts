"use server";
// Server actions of the currency domain: the billing partner's exchange-rate import and its billing
// currency. Each resolves the caller's scope on the server and audits in the change's transaction.
import { revalidatePath } from "next/cache";
import { runAction } from "../actions/run-action";
import type { ActionResult } from "../actions/action-result";
import { importExchangeRatesSchema, setBillingCurrencySchema } from "./currency-schemas";
import { importExchangeRates, type ExchangeRateImportResult } from "./import-exchange-rates";
import { setBillingCurrency } from "./set-billing-currency";

export async function importExchangeRatesAction(input: unknown): Promise<ActionResult<ExchangeRateImportResult>> {
  return runAction("exchangeRates:manage", importExchangeRatesSchema, input, async (scope, data) => {
    const result = await importExchangeRates(scope, data.csv);
    revalidatePath("/billing");
    return result;
  });
}

export async function setBillingCurrencyAction(input: unknown): Promise<ActionResult<{ billingCurrency: string | null }>> {
  return runAction("billingCurrency:manage", setBillingCurrencySchema, input, async (scope, data) => {
    const result = await setBillingCurrency(scope, data);
    revalidatePath("/billing");
    return result;
  });
}
