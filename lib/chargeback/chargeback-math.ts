// Chargeback money maths, pure and Decimal-only (never JS numbers). No "server-only": the statement,
// margin report, dashboard and tests share it.
//
// Rounding (decision, stated once): a customer statement line's amount is Σ(quantity × customer unit
// price) kept unrounded and rounded ONCE, half-up to the cent, per statement line; every total is the
// sum of rounded lines. Microsoft's cost is the recon file's own figure (FLOOR per rated line).
import Decimal from "decimal.js";

/**
 * Wide enough that no product of a price (24,10), a markup (9,4) and a quantity sum (28,10) is ever
 * rounded before the one documented rounding: decimal.js's default 20 significant digits is not.
 */
export const Money = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_UP });

const HUNDRED = new Money(100);

/** Microsoft's unit price × (1 + markup %), unrounded. A missing Microsoft price charges 0. */
export function customerUnitPrice(microsoftUnitPrice: Decimal.Value | null, markupPercent: Decimal.Value): Decimal {
  if (microsoftUnitPrice === null) return new Money(0);
  return new Money(microsoftUnitPrice).times(HUNDRED.plus(markupPercent)).dividedBy(HUNDRED);
}

/** quantity × unit price, unrounded (summed per statement line before its one rounding). */
export function lineValue(quantity: Decimal.Value, unitPrice: Decimal.Value): Decimal {
  return new Money(quantity).times(unitPrice);
}

/** THE rounding of a statement line: half-up to 2 decimals, once. */
export function roundStatementAmount(unrounded: Decimal.Value): Decimal {
  return new Money(unrounded).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

export function sumMoney(values: Iterable<Decimal.Value>): Decimal {
  let total = new Money(0);
  for (const value of values) total = total.plus(value);
  return total;
}

/** Revenue − Microsoft cost. */
export function marginOf(revenue: Decimal.Value, cost: Decimal.Value): Decimal {
  return new Money(revenue).minus(cost);
}

/** Margin as a % of revenue, 2 decimals half-up; null when there is no revenue to divide by. */
export function marginPercent(margin: Decimal.Value, revenue: Decimal.Value): Decimal | null {
  const base = new Money(revenue);
  if (base.isZero()) return null;
  return new Money(margin).dividedBy(base).times(HUNDRED).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** Plain text of a unit price without trailing zeros (prices carry up to 14 decimals after markup). */
export function formatUnitPrice(price: Decimal): string {
  return price.toDecimalPlaces(10, Decimal.ROUND_HALF_UP).toFixed();
}

/** Budget pace: forecast as a % of the budget (1 decimal) and whether the month will overrun it. */
export function budgetPace(forecast: Decimal.Value, budget: Decimal.Value): { percent: Decimal; overBudget: boolean } {
  const amount = new Money(budget);
  const projected = new Money(forecast);
  const percent = amount.isZero() ? new Money(0) : projected.dividedBy(amount).times(HUNDRED).toDecimalPlaces(1, Decimal.ROUND_HALF_UP);
  return { percent, overBudget: projected.greaterThan(amount) };
}
