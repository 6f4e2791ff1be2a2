// Chargeback maths in Decimal: no float drift, one half-up rounding per statement line, margins.
import { describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { budgetPace, customerUnitPrice, lineValue, marginOf, marginPercent, roundStatementAmount, sumMoney } from "../lib/chargeback/chargeback-math";
import { monthEndForecast } from "../lib/billing/month-end-forecast";

describe("chargeback maths", () => {
  it("0.1 + 0.2 is 0.3 and margins don't drift", () => {
    expect(0.1 + 0.2).not.toBe(0.3); // the float trap this module avoids
    expect(sumMoney(["0.1", "0.2"]).toFixed()).toBe("0.3");
    expect(marginOf("0.3", "0.1").toFixed()).toBe("0.2");
    expect(marginOf(sumMoney(["0.1", "0.2"]), "0.3").isZero()).toBe(true);
    // A thousand 0.01 lines sum to exactly 10.
    expect(sumMoney(Array.from({ length: 1000 }, () => "0.01")).toFixed()).toBe("10");
  });

  it("customer unit price = Microsoft price × (1 + markup %), unrounded", () => {
    expect(customerUnitPrice("0.008", "25").toFixed()).toBe("0.01");
    expect(customerUnitPrice("0.0460000000", "12.3456").toFixed()).toBe("0.051678976");
    expect(customerUnitPrice("0.046", "-100").toFixed()).toBe("0");
    expect(customerUnitPrice(null, "50").toFixed()).toBe("0");
  });

  it("keeps full precision where default Decimal (20 digits) would round early", () => {
    const value = lineValue("123456789012345678.0123456789", customerUnitPrice("12345678901234.0123456789", "12.3456"));
    // Exact product by integer arithmetic: 10 + 10 + 6 decimals.
    const exact = 1234567890123456780123456789n * 123456789012340123456789n * 1123456n;
    const digits = exact.toString();
    expect(value.toFixed()).toBe(`${digits.slice(0, -26)}.${digits.slice(-26)}`.replace(/\.?0+$/, ""));
    // decimal.js's default precision would have lost it.
    expect(new Decimal("123456789012345678.0123456789").times("12345678901234.0123456789").times("1.123456").toFixed()).not.toBe(value.toFixed());
  });

  it("rounds a statement line once, half-up to the cent", () => {
    expect(roundStatementAmount("1.265").toFixed(2)).toBe("1.27");
    expect(roundStatementAmount("1.2649999").toFixed(2)).toBe("1.26");
    expect(roundStatementAmount("0.005").toFixed(2)).toBe("0.01");
    // Rounding per line then summing differs from rounding each day: the documented place is the line.
    const days = ["0.004", "0.004", "0.004"];
    expect(roundStatementAmount(sumMoney(days)).toFixed(2)).toBe("0.01");
    expect(sumMoney(days.map((d) => roundStatementAmount(d))).toFixed(2)).toBe("0.00");
  });

  it("margin % of revenue, null without revenue", () => {
    expect(marginPercent("0.50", "2.40")?.toFixed(2)).toBe("20.83");
    expect(marginPercent("1", "3")?.toFixed(2)).toBe("33.33");
    expect(marginPercent("0", "0")).toBeNull();
    expect(marginPercent("-0.10", "1.00")?.toFixed(2)).toBe("-10.00");
  });

  it("budget forecast: MTD ÷ elapsed days × days in month, flagged when over budget", () => {
    const now = new Date("2026-11-10T15:00:00Z"); // 10 of 30 days
    const { forecast } = monthEndForecast(new Decimal("400.00"), now);
    expect(forecast.toFixed(2)).toBe("1200.00");
    expect(budgetPace(forecast, "1000")).toMatchObject({ overBudget: true });
    expect(budgetPace(forecast, "1000").percent.toFixed(1)).toBe("120.0");
    expect(budgetPace(forecast, "1200").overBudget).toBe(false);
    expect(budgetPace("0.1", "0.3").percent.toFixed(1)).toBe("33.3");
  });
});
