// Pages that show converted amounts (billing, dashboard, customer usage) turn a month without its
// exchange rate into a clear message rather than the error page; any other failure still throws.
// Pure (no "server-only"): only the error's code is read.
import { DomainError } from "../errors";
import { CURRENCY_ERROR_CODES } from "./currency-errors";

export type OrMissingRate<T> = { ok: true; value: T } | { ok: false; missingRate: string };

export async function catchMissingRate<T>(loading: Promise<T>): Promise<OrMissingRate<T>> {
  try {
    return { ok: true, value: await loading };
  } catch (error) {
    if (error instanceof DomainError && error.code === CURRENCY_ERROR_CODES.ExchangeRateMissing) return { ok: false, missingRate: error.message };
    throw error;
  }
}
