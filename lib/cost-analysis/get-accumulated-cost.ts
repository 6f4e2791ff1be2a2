import "server-only";
// The accumulated line of one billing period: Microsoft's cost day by day, summed up, with the
// forecast to month end while the period is open (month-to-date / elapsed days × days in month,
// lib/billing/month-end-forecast.ts) — and, for one customer, the charges at the partner's prices
// (the statement's engine) with the customer's monthly budget, which is set at those prices.
import Decimal from "decimal.js";
import { getDatabase } from "../db";
import { assertScopeCan, scopeCan, type PartnerScope } from "../auth/partner-scope";
import { resolveReconQuery } from "../recon/recon-source";
import { periodRange } from "../billing/billing-period";
import { accumulateCostLine } from "./accumulate-cost-line";
import { unsafeComputeStatements } from "../chargeback/compute-statements";
import { billingPartnerIdOf, resellerIdOf } from "../chargeback/rate-card-subjects";
import { notFound } from "../errors";
import { costAnalysisSql } from "./cost-analysis-sql";
import { costBuckets } from "./get-cost-analysis";
import type { CostAnalysisQuery } from "./cost-analysis-query";

export interface AccumulatedLine {
  /** Running total per day (2 places) up to the last day with data; null after it. */
  actual: (string | null)[];
  /** The projection from today to month end; null before today and for closed periods. */
  forecast: (string | null)[];
  toDate: string;
  forecastTotal: string | null;
  currency: string;
}

export interface AccumulatedCost {
  period: string;
  days: string[];
  cost: AccumulatedLine;
  /** One customer's charges at the partner's prices (null partner-wide, under filters, or without statements:read). */
  charges: AccumulatedLine | null;
  /** The customer's monthly budget, at the partner's prices. */
  budget: { amount: string; currency: string } | null;
}

export async function getAccumulatedCost(
  scope: PartnerScope,
  target: { customerId?: string },
  query: Pick<CostAnalysisQuery, "to" | "filters">,
  currency: string,
  now: Date = new Date(),
): Promise<AccumulatedCost> {
  assertScopeCan(scope, "billing:read");
  const database = await getDatabase();
  const period = query.to;
  const resolved = await resolveReconQuery(database.sql, scope, { period, customerId: target.customerId });
  const days = costBuckets(period, period, "daily");
  const today = now.toISOString().slice(0, 10);
  const open = days[0] <= today && today <= days[days.length - 1];
  const lastDay = open ? today : days[days.length - 1];

  const { text, params } = costAnalysisSql({
    subscriptionIds: resolved.subscriptionIds,
    from: period,
    to: period,
    bucket: "daily",
    group: null,
    filters: query.filters,
  });
  const { rows } = await database.sql.query<{ bucket: string; amount: string }>(text, params);
  const dailyCost = new Map(rows.map((row) => [row.bucket, new Decimal(row.amount)]));
  const cost = accumulateCostLine(days, dailyCost, lastDay, open, now, null, currency);

  let charges: AccumulatedLine | null = null;
  let budget: AccumulatedCost["budget"] = null;
  const wholeCustomer = target.customerId && Object.keys(query.filters).length === 0;
  if (wholeCustomer && !scope.isOperator && scopeCan(scope, "statements:read") && days[0] <= today) {
    const customer = await database.prisma.customer.findUnique({
      where: { id: target.customerId },
      select: { id: true, partner: { select: { id: true, kind: true, parentId: true } }, budget: { select: { monthlyAmount: true, currency: true } } },
    });
    if (!customer) throw notFound("The customer");
    const range = periodRange(period);
    const statements = await unsafeComputeStatements(
      database,
      billingPartnerIdOf(customer.partner),
      [{ id: customer.id, resellerId: resellerIdOf(customer.partner) }],
      { from: range.from, to: lastDay },
    );
    const statement = statements.get(customer.id);
    if (statement) {
      const chargesCurrency = statement.currency || customer.budget?.currency || currency;
      charges = accumulateCostLine(days, statement.dailyCharges, lastDay, open, now, statement.total, chargesCurrency);
    }
    if (customer.budget) budget = { amount: customer.budget.monthlyAmount.toFixed(2), currency: customer.budget.currency };
  }
  return { period, days, cost, charges, budget };
}
