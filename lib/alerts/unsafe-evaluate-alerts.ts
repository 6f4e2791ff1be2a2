import "server-only";
// Evaluates the alert rules (alert-rules.ts) for customers at the partner's prices (the statement
// engine, so a reseller's alerts never carry Microsoft's cost) and raises each alert at most once:
// (partner, dedupe key) is unique, so a replayed batch or a second evaluation raises nothing new.
// A new alert lands in the in-app notifications of the customer's partner's admins and billing
// admins and is queued for each of the partner's active webhooks, in one transaction.
// UNSAFE (unscoped): run after ingests and by the schedule for every partner, never from a request.
import Decimal from "decimal.js";
import { getDatabase } from "../db";
import { periodRange } from "../billing/billing-period";
import { monthEndForecast } from "../billing/month-end-forecast";
import { unsafeComputeStatements } from "../chargeback/compute-statements";
import { billingPartnerIdOf, resellerIdOf } from "../chargeback/rate-card-subjects";
import { unsafeFindAlertRecipients } from "./unsafe-find-alert-recipients";
import { crossedThresholds, DEFAULT_ALERT_SETTINGS, judgeAnomaly, type AlertRuleSettings } from "./alert-rules";

interface Candidate {
  partnerId: string;
  customerId: string;
  kind: "BUDGET_ACTUAL" | "BUDGET_FORECAST" | "ANOMALY";
  period: string;
  threshold: number | null;
  day: Date | null;
  amount: string;
  reference: string;
  currency: string;
  rule: Record<string, string | number>;
  dedupeKey: string;
}

const DAY_MS = 86_400_000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const addDays = (date: Date, days: number) => new Date(date.getTime() + days * DAY_MS);
const utcDay = (date: Date) => new Date(`${date.toISOString().slice(0, 10)}T00:00:00Z`);
const cents = (value: Decimal) => value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

/** Raises the alerts now due for `customerIds` (all customers when absent); answers the ids of the new ones. */
export async function unsafeEvaluateAlerts(options: { customerIds?: string[]; now?: Date } = {}): Promise<string[]> {
  const database = await getDatabase();
  const { prisma } = database;
  const now = options.now ?? new Date();
  const today = utcDay(now);
  const period = now.toISOString().slice(0, 7);
  const customers = await prisma.customer.findMany({
    where: options.customerIds ? { id: { in: options.customerIds } } : {},
    select: {
      id: true,
      partnerId: true,
      partner: { select: { id: true, kind: true, parentId: true } },
      budget: { select: { monthlyAmount: true, currency: true } },
    },
  });
  if (customers.length === 0) return [];
  const settingsRows = await prisma.alertSettings.findMany({ where: { partnerId: { in: [...new Set(customers.map((c) => c.partnerId))] } } });
  const settingsOf = (partnerId: string): AlertRuleSettings => {
    const row = settingsRows.find((settings) => settings.partnerId === partnerId);
    return row
      ? {
          budgetThresholds: row.budgetThresholds,
          anomalyFactor: new Decimal(row.anomalyFactor.toString()),
          anomalyMinimumAmount: new Decimal(row.anomalyMinimumAmount.toString()),
          anomalyBaselineDays: row.anomalyBaselineDays,
          budgetOnActual: row.budgetOnActual,
          budgetOnForecast: row.budgetOnForecast,
        }
      : DEFAULT_ALERT_SETTINGS;
  };
  const longestBaseline = Math.max(DEFAULT_ALERT_SETTINGS.anomalyBaselineDays, ...settingsRows.map((row) => row.anomalyBaselineDays));

  const groups = new Map<string, typeof customers>();
  for (const customer of customers) {
    const owner = billingPartnerIdOf(customer.partner);
    groups.set(owner, [...(groups.get(owner) ?? []), customer]);
  }
  const candidates: Candidate[] = [];
  for (const [owner, group] of groups) {
    const priced = group.map((customer) => ({ id: customer.id, resellerId: resellerIdOf(customer.partner) }));
    const [monthToDate, window] = await Promise.all([
      unsafeComputeStatements(database, owner, priced, { from: periodRange(period).from, to: isoDay(today) }),
      unsafeComputeStatements(database, owner, priced, { from: isoDay(addDays(today, -(longestBaseline + 1))), to: isoDay(today) }),
    ]);
    for (const customer of group) {
      const settings = settingsOf(customer.partnerId);
      const statement = monthToDate.get(customer.id);
      const currency = statement?.currency || customer.budget?.currency || "USD";
      if (customer.budget && statement) {
        const budget = new Decimal(customer.budget.monthlyAmount.toString());
        const { forecast } = monthEndForecast(statement.total, now);
        const measures = [
          ...(settings.budgetOnActual ? [["BUDGET_ACTUAL", statement.total] as const] : []),
          ...(settings.budgetOnForecast ? [["BUDGET_FORECAST", forecast] as const] : []),
        ];
        for (const [kind, amount] of measures) {
          for (const threshold of crossedThresholds(amount, budget, settings.budgetThresholds)) {
            candidates.push({
              partnerId: customer.partnerId,
              customerId: customer.id,
              kind,
              period,
              threshold,
              day: null,
              amount: cents(amount),
              reference: cents(budget),
              currency: customer.budget.currency,
              rule: {
                rule: kind === "BUDGET_ACTUAL" ? "month to date ≥ threshold × budget" : "month-end forecast ≥ threshold × budget",
                thresholdPercent: threshold,
              },
              dedupeKey: `${kind}:${customer.id}:${period}:${threshold}`,
            });
          }
        }
      }
      const daily = window.get(customer.id)?.dailyCharges ?? new Map<string, Decimal>();
      // Yesterday and today: the days whose usage is still arriving.
      for (const day of [addDays(today, -1), today]) {
        const dayCharges = daily.get(isoDay(day)) ?? new Decimal(0);
        const baselineDays = Array.from(
          { length: settings.anomalyBaselineDays },
          (_, index) => daily.get(isoDay(addDays(day, -(index + 1)))) ?? new Decimal(0),
        );
        const verdict = judgeAnomaly(dayCharges, baselineDays, settings);
        if (!verdict.anomaly) continue;
        candidates.push({
          partnerId: customer.partnerId,
          customerId: customer.id,
          kind: "ANOMALY",
          period: isoDay(day).slice(0, 7),
          threshold: null,
          day,
          amount: cents(dayCharges),
          reference: cents(verdict.baseline),
          currency,
          rule: {
            rule: "day's charges > factor × median of the baseline days, and ≥ minimum amount",
            factor: settings.anomalyFactor.toFixed(),
            baselineDays: settings.anomalyBaselineDays,
            minimumAmount: settings.anomalyMinimumAmount.toFixed(2),
          },
          dedupeKey: `ANOMALY:${customer.id}:${isoDay(day)}`,
        });
      }
    }
  }
  if (candidates.length === 0) return [];
  return prisma.$transaction(async (tx) => {
    const raised = await tx.alert.createManyAndReturn({ data: candidates, skipDuplicates: true, select: { id: true, partnerId: true, customerId: true } });
    if (raised.length === 0) return [];
    const partnerIds = [...new Set(raised.map((alert) => alert.partnerId))];
    const [recipients, webhooks] = await Promise.all([
      unsafeFindAlertRecipients(tx, raised),
      tx.alertWebhook.findMany({ where: { partnerId: { in: partnerIds }, active: true }, select: { id: true, partnerId: true } }),
    ]);
    await tx.alertNotification.createMany({
      data: recipients.map((recipient) => ({ alertId: recipient.alertId, userId: recipient.userId })),
      skipDuplicates: true,
    });
    await tx.alertDelivery.createMany({
      data: raised.flatMap((alert) =>
        webhooks
          .filter((webhook) => webhook.partnerId === alert.partnerId)
          .map((webhook) => ({ alertId: alert.id, webhookId: webhook.id, nextAttemptAt: now })),
      ),
    });
    return raised.map((alert) => alert.id);
  });
}
