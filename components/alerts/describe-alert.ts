// What an alert says, in words, with the rule and its parameters as they were evaluated (stored
// with the alert): shown in the notifications list. Pure: the list renders on the server.
import { formatMoney } from "@/lib/format/money";
import type { NotificationRow } from "@/lib/alerts/list-notifications";

export function describeAlert(alert: NotificationRow["alert"]): { headline: string; rule: string } {
  const money = (value: string | number) => formatMoney(String(value), alert.currency);
  if (alert.kind === "ANOMALY") {
    const { factor, baselineDays, minimumAmount } = alert.rule;
    return {
      headline: `${alert.customerName} spent ${money(alert.amount)} on ${alert.day}, against a ${baselineDays ?? 14}-day median of ${money(alert.reference)} a day.`,
      rule: `Anomaly: day's charges > k × the ${baselineDays ?? "?"}-day median (k = ${factor ?? "?"}) and ≥ the minimum of ${
        minimumAmount !== undefined ? money(minimumAmount) : "?"
      }.`,
    };
  }
  const measure = alert.kind === "BUDGET_ACTUAL" ? "month to date (actual)" : "month-end forecast";
  return {
    headline: `${alert.customerName}'s ${measure} is ${money(alert.amount)}: ${alert.threshold} % of its ${money(alert.reference)} budget for ${alert.period} reached.`,
    rule: `Budget: ${measure} ≥ ${alert.threshold} % × the monthly budget.`,
  };
}
