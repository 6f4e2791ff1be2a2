import "server-only";
// The customer portal's cost analysis: what the partner charges the customer, never Microsoft's cost.
// Months: each month's statement total (the statement engine, rounded once per line, the amount the
// invoice bills). Days of the chosen month: Σ quantity × the customer's unit price per usage day
// (the statement's daily charges, rounded to the cent for display only). Meters: the statement's
// lines without cost or margin (publicLine builds them field by field).
import Decimal from "decimal.js";
import { getDatabase } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { periodRange } from "../billing/billing-period";
import { unsafeComputeStatements } from "../chargeback/compute-statements";
import { publicLine, type PublicStatementLine } from "../chargeback/get-customer-statement";
import { billingPartnerIdOf, resellerIdOf } from "../chargeback/rate-card-subjects";
import { unsafeCustomerBillingCurrency } from "../chargeback/customer-billing-currency";
import { findPortalCustomer } from "./find-portal-customer";
import { accumulateCostLine } from "../cost-analysis/accumulate-cost-line";
import type { AccumulatedCost } from "../cost-analysis/get-accumulated-cost";

export const PORTAL_TREND_MONTHS = 6;

export interface PortalCharges {
  period: string;
  currency: string;
  customer: { id: string; companyName: string };
  partnerName: string;
  /** The chosen month's total (the statement's). */
  total: string;
  /** Oldest first: the months up to the chosen one with their statement totals. */
  months: { period: string; total: string }[];
  /** Every day of the chosen month (to today while it is open) with its charges. */
  days: { day: string; amount: string }[];
  lines: PublicStatementLine[];
  /** The chosen month per usage day, meter (and unit price) and subscription, unrounded: the charts' data. */
  dailyLines: PortalDailyLine[];
  /** The customer's subscriptions that have charges in the chosen month. */
  subscriptions: { id: string; displayName: string }[];
  /** The month's accumulated charges against the customer's monthly budget; `cost` repeats the charges (never Microsoft's cost). */
  accumulated: AccumulatedCost;
}

export interface PortalDailyLine {
  day: string;
  /** meterKind|meterId: one series per meter, whatever its unit prices. */
  meterKey: string;
  meterName: string;
  unit: string;
  unitPrice: string;
  subscriptionId: string;
  quantity: string;
  amount: string;
}

function shiftPeriod(period: string, delta: number): string {
  const [year, month] = period.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1 + delta, 1)).toISOString().slice(0, 7);
}

export async function getPortalCharges(scope: PartnerScope, period: string, now: Date = new Date()): Promise<PortalCharges> {
  const database = await getDatabase();
  const customer = await findPortalCustomer(database.prisma, scope);
  const billingPartnerId = billingPartnerIdOf(customer.partner);
  const priced = [{ id: customer.id, resellerId: resellerIdOf(customer.partner) }];
  const periods = Array.from({ length: PORTAL_TREND_MONTHS }, (_, index) => shiftPeriod(period, index - PORTAL_TREND_MONTHS + 1));
  const statements = await Promise.all(
    periods.map(async (month) => {
      const { from, to } = periodRange(month);
      return (await unsafeComputeStatements(database, billingPartnerId, priced, { from, to }, { dailyLines: month === period })).get(customer.id) ?? null;
    }),
  );
  const chosen = statements[statements.length - 1];
  const { from, to } = periodRange(period);
  const today = now.toISOString().slice(0, 10);
  const allDays: string[] = [];
  for (let day = new Date(`${from}T00:00:00Z`); day.toISOString().slice(0, 10) <= to; day = new Date(day.getTime() + 86_400_000)) {
    allDays.push(day.toISOString().slice(0, 10));
  }
  const days: PortalCharges["days"] = allDays
    .filter((day) => day <= today)
    .map((day) => ({ day, amount: (chosen?.dailyCharges.get(day) ?? new Decimal(0)).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2) }));
  const dailyLines: PortalDailyLine[] = (chosen?.dailyLines ?? []).map((line) => ({
    day: line.day,
    meterKey: `${line.meterKind}|${line.meterId}`,
    meterName: line.meterName,
    unit: line.unit,
    unitPrice: line.unitPrice.toFixed(),
    subscriptionId: line.subscriptionId,
    quantity: line.quantity.toFixed(),
    amount: line.value.toFixed(),
  }));
  const subscriptionIds = [...new Set(dailyLines.map((line) => line.subscriptionId))];
  const [subscriptions, budget] = await Promise.all([
    database.prisma.azureSubscription.findMany({
      where: { id: { in: subscriptionIds }, customerId: customer.id },
      select: { id: true, displayName: true },
      orderBy: { displayName: "asc" },
    }),
    database.prisma.customerBudget.findUnique({ where: { customerId: customer.id }, select: { monthlyAmount: true, currency: true } }),
  ]);
  const currency = statements.find((statement) => statement?.currency)?.currency || (await unsafeCustomerBillingCurrency(database.prisma, customer.id));
  const open = from <= today && today <= to;
  // Up to today while the month is open; a month that hasn't started has no actual line.
  const lastDay = days.at(-1)?.day ?? "";
  const charges = accumulateCostLine(allDays, chosen?.dailyCharges ?? new Map(), lastDay, open, now, chosen?.total ?? null, currency);
  const accumulated: AccumulatedCost = {
    period,
    days: allDays,
    cost: charges,
    charges,
    budget: budget ? { amount: budget.monthlyAmount.toFixed(2), currency: budget.currency } : null,
  };
  return {
    period,
    currency,
    customer: { id: customer.id, companyName: customer.companyName },
    partnerName: customer.partner.name,
    total: (chosen?.total ?? new Decimal(0)).toFixed(2),
    months: periods.map((month, index) => ({ period: month, total: (statements[index]?.total ?? new Decimal(0)).toFixed(2) })),
    days,
    lines: (chosen?.lines ?? []).map(publicLine),
    dailyLines,
    subscriptions,
    accumulated,
  };
}
