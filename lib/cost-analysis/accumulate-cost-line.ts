// Running totals of one amount per day over a billing period, with the month-end forecast while the
// period is open: the accumulated lines of the partner's cost analysis and of the customer portal.
import Decimal from "decimal.js";
import { monthEndForecast } from "../billing/month-end-forecast";
import type { AccumulatedLine } from "./get-accumulated-cost";

/** Running totals of `daily` (by day), to `lastDay` (inclusive), with the forecast when the period is open. */
export function accumulateCostLine(
  days: string[],
  daily: Map<string, Decimal>,
  lastDay: string,
  open: boolean,
  now: Date,
  toDate: Decimal | null,
  currency: string,
): AccumulatedLine {
  let running = new Decimal(0);
  const actual = days.map((day) => {
    if (day > lastDay) return null;
    running = running.plus(daily.get(day) ?? 0);
    return running.toFixed(2);
  });
  const soFar = toDate ?? running;
  if (!open) return { actual, forecast: days.map(() => null), toDate: soFar.toFixed(2), forecastTotal: null, currency };
  const { forecast: forecastTotal, daysInMonth, elapsedDays } = monthEndForecast(soFar, now);
  const remaining = daysInMonth - elapsedDays;
  const forecast = days.map((_, index) => {
    const dayNumber = index + 1;
    if (dayNumber < elapsedDays) return null;
    if (remaining === 0) return forecastTotal.toFixed(2);
    const share = new Decimal(dayNumber - elapsedDays).dividedBy(remaining);
    return soFar.plus(forecastTotal.minus(soFar).times(share)).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
  });
  return { actual, forecast, toDate: soFar.toFixed(2), forecastTotal: forecastTotal.toFixed(2), currency };
}
