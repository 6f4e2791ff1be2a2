import "server-only";
// Customers with a monthly budget and how this month is pacing against it: month-to-date charged
// amount (the customer's statement so far) projected to the month's end (lib/billing/month-end-forecast.ts).
import type Decimal from "decimal.js";
import { getDatabase } from "../db";
import { scopeCan, visibleCustomerFilter, visiblePartnerFilter, type PartnerScope } from "../auth/partner-scope";
import { currentPeriod, periodRange } from "../billing/billing-period";
import { monthEndForecast } from "../billing/month-end-forecast";
import { unsafeComputeStatements } from "../chargeback/compute-statements";
import { budgetPace } from "../chargeback/chargeback-math";
import { billingPartnerIdOf, resellerIdOf } from "../chargeback/rate-card-subjects";

export interface BudgetPace {
  customerId: string;
  companyName: string;
  budget: Decimal;
  currency: string;
  monthToDate: Decimal;
  forecast: Decimal;
  /** Forecast as a % of the budget. */
  percent: Decimal;
  overBudget: boolean;
}

/** Every budgeted customer the scope sees, those on pace to exceed their budget first. */
export async function listBudgetPaces(scope: PartnerScope, now: Date = new Date()): Promise<BudgetPace[]> {
  if (scope.isOperator || !scopeCan(scope, "statements:read")) return [];
  const database = await getDatabase();
  const partnerFilter = visiblePartnerFilter(scope);
  const customers = await database.prisma.customer.findMany({
    where: { budget: { isNot: null }, ...visibleCustomerFilter(scope), ...(partnerFilter ? { partnerId: partnerFilter } : {}) },
    select: {
      id: true,
      companyName: true,
      partner: { select: { id: true, kind: true, parentId: true } },
      budget: { select: { monthlyAmount: true, currency: true } },
    },
  });
  const period = currentPeriod(now);
  const today = now.toISOString().slice(0, 10);
  const byOwner = new Map<string, typeof customers>();
  for (const customer of customers) {
    const owner = billingPartnerIdOf(customer.partner);
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), customer]);
  }
  const paces: BudgetPace[] = [];
  for (const [ownerId, group] of byOwner) {
    const statements = await unsafeComputeStatements(
      database,
      ownerId,
      group.map((c) => ({ id: c.id, resellerId: resellerIdOf(c.partner) })),
      { from: periodRange(period).from, to: today },
    );
    for (const customer of group) {
      if (!customer.budget) continue;
      const monthToDate = statements.get(customer.id)?.total;
      if (!monthToDate) continue;
      const { forecast } = monthEndForecast(monthToDate, now);
      const pace = budgetPace(forecast, customer.budget.monthlyAmount.toString());
      paces.push({
        customerId: customer.id,
        companyName: customer.companyName,
        budget: customer.budget.monthlyAmount,
        currency: customer.budget.currency,
        monthToDate,
        forecast,
        ...pace,
      });
    }
  }
  return paces.sort((a, b) => Number(b.overBudget) - Number(a.overBudget) || b.percent.comparedTo(a.percent) || a.companyName.localeCompare(b.companyName));
}
