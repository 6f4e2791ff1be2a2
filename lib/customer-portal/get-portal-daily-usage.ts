import "server-only";
// A customer reader's usage of one month per usage day, meter and unit price, at the partner's
// prices (the statement engine's daily lines summed over the customer's subscriptions): the
// `?grain=daily` usage CSV. Each row's amount is Σ quantity × unit price rounded once half-up to the
// cent, so the rows can differ by cents from the statement, which rounds each month's meter line.
import Decimal from "decimal.js";
import { getDatabase } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { periodRange } from "../billing/billing-period";
import { unsafeComputeStatements } from "../chargeback/compute-statements";
import { billingPartnerIdOf, resellerIdOf } from "../chargeback/rate-card-subjects";
import { unsafeCustomerBillingCurrency } from "../chargeback/customer-billing-currency";
import { findPortalCustomer } from "./find-portal-customer";

export interface PortalDailyUsage {
  period: string;
  currency: string;
  customer: { id: string; companyName: string };
  rows: {
    day: string;
    category: string;
    meterName: string;
    meterId: string;
    unit: string;
    quantity: string;
    unitPrice: Decimal;
    amount: string;
  }[];
}

export async function getPortalDailyUsage(scope: PartnerScope, period: string): Promise<PortalDailyUsage> {
  const database = await getDatabase();
  const customer = await findPortalCustomer(database.prisma, scope);
  const statement = (
    await unsafeComputeStatements(
      database,
      billingPartnerIdOf(customer.partner),
      [{ id: customer.id, resellerId: resellerIdOf(customer.partner) }],
      periodRange(period),
      { dailyLines: true },
    )
  ).get(customer.id);
  const grouped = new Map<string, { line: NonNullable<typeof statement>["dailyLines"][number]; quantity: Decimal; value: Decimal }>();
  for (const line of statement?.dailyLines ?? []) {
    const key = `${line.day}|${line.meterKind}|${line.meterId}|${line.unitPrice.toFixed()}`;
    const group = grouped.get(key);
    if (group) {
      group.quantity = group.quantity.plus(line.quantity);
      group.value = group.value.plus(line.value);
    } else grouped.set(key, { line, quantity: line.quantity, value: line.value });
  }
  const rows = [...grouped.values()]
    .map(({ line, quantity, value }) => ({
      day: line.day,
      category: line.category,
      meterName: line.meterName,
      meterId: line.meterId,
      unit: line.unit,
      quantity: quantity.toFixed(),
      unitPrice: line.unitPrice,
      amount: value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2),
    }))
    .sort(
      (a, b) =>
        a.day.localeCompare(b.day) || a.category.localeCompare(b.category) || a.meterName.localeCompare(b.meterName) || a.unitPrice.comparedTo(b.unitPrice),
    );
  return {
    period,
    currency: statement?.currency || (await unsafeCustomerBillingCurrency(database.prisma, customer.id)),
    customer: { id: customer.id, companyName: customer.companyName },
    rows,
  };
}
