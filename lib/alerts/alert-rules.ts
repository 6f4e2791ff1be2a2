// The alert rules, pure (no database): which budget thresholds a customer's month to date and
// forecast have crossed, and whether a day's charges are an anomaly against its trailing baseline.
// The evaluation (unsafe-evaluate-alerts.ts) feeds them the statement engine's figures.
import Decimal from "decimal.js";

export interface AlertRuleSettings {
  budgetThresholds: number[];
  anomalyFactor: Decimal;
  anomalyMinimumAmount: Decimal;
  anomalyBaselineDays: number;
  /** Budget thresholds fire on the month to date and/or on the month-end forecast. */
  budgetOnActual: boolean;
  budgetOnForecast: boolean;
}

export const DEFAULT_ALERT_SETTINGS: AlertRuleSettings = {
  budgetThresholds: [50, 90, 100],
  anomalyFactor: new Decimal("1.5"),
  anomalyMinimumAmount: new Decimal(10),
  anomalyBaselineDays: 14,
  budgetOnActual: true,
  budgetOnForecast: true,
};

/** A baseline needs this many days with charges among its days: a new customer's first days are no anomaly. */
export const MIN_BASELINE_USAGE_DAYS = 7;

/** The thresholds (percent of the budget) that `amount` has reached. */
export function crossedThresholds(amount: Decimal, budget: Decimal, thresholds: readonly number[]): number[] {
  if (budget.lessThanOrEqualTo(0)) return [];
  return thresholds.filter((threshold) => amount.times(100).greaterThanOrEqualTo(budget.times(threshold))).sort((a, b) => a - b);
}

export function median(values: readonly Decimal[]): Decimal {
  if (values.length === 0) return new Decimal(0);
  const sorted = [...values].sort((a, b) => a.comparedTo(b));
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : sorted[middle - 1].plus(sorted[middle]).dividedBy(2);
}

export interface AnomalyVerdict {
  anomaly: boolean;
  /** The median of the baseline days (days without charges count as zero). */
  baseline: Decimal;
  usageDays: number;
}

/**
 * `day`'s charges against the `anomalyBaselineDays` before it: an anomaly when they are more than
 * factor × the baseline median and at least the minimum amount, with enough history to judge.
 */
export function judgeAnomaly(dayCharges: Decimal, baselineDays: readonly Decimal[], settings: AlertRuleSettings): AnomalyVerdict {
  const baseline = median(baselineDays);
  const usageDays = baselineDays.filter((value) => value.greaterThan(0)).length;
  const anomaly =
    usageDays >= MIN_BASELINE_USAGE_DAYS &&
    dayCharges.greaterThanOrEqualTo(settings.anomalyMinimumAmount) &&
    dayCharges.greaterThan(baseline.times(settings.anomalyFactor));
  return { anomaly, baseline, usageDays };
}
