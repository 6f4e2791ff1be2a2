// Naive month-end forecast for the open period: spend so far / elapsed days × days in the month.
// Pure; Decimal throughout. Elapsed days count today (usage of today is already partly rated).
import Decimal from "decimal.js";

export function monthEndForecast(spendSoFar: Decimal, now: Date = new Date()): { forecast: Decimal; elapsedDays: number; daysInMonth: number } {
  const daysInMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).getUTCDate();
  const elapsedDays = now.getUTCDate();
  const forecast = spendSoFar.dividedBy(elapsedDays).times(daysInMonth).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return { forecast, elapsedDays, daysInMonth };
}
