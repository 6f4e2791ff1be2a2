// Dashboard forecast: spend so far / elapsed days × days in the month (Decimal, not floats).
import { describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { monthEndForecast } from "../lib/billing/month-end-forecast";
import { periodRange } from "../lib/billing/billing-period";

describe("monthEndForecast", () => {
  it("scales the spend so far to the whole month, counting today", () => {
    const result = monthEndForecast(new Decimal("100.00"), new Date("2026-11-10T15:00:00Z"));
    expect(result).toMatchObject({ elapsedDays: 10, daysInMonth: 30 });
    expect(result.forecast.toFixed(2)).toBe("300.00");
    expect(monthEndForecast(new Decimal("10"), new Date("2028-02-03T00:00:00Z")).forecast.toFixed(2)).toBe("96.67");
  });
  it("period ranges are calendar months (leap years included)", () => {
    expect(periodRange("2028-02")).toEqual({ from: "2028-02-01", to: "2028-02-29", days: 29 });
    expect(periodRange("2026-12")).toEqual({ from: "2026-12-01", to: "2026-12-31", days: 31 });
  });
});
