import "server-only";
// Partner-wide top movers: the customers and meters whose cost changed most from the month before
// to `month` (by absolute change), from the same sums as the cost analysis.
import Decimal from "decimal.js";
import { getDatabase } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { resolveReconQuery } from "../recon/recon-source";
import { costAnalysisSql } from "./cost-analysis-sql";
import { shiftMonth, type CostGroup } from "./cost-analysis-query";
import { unsafeLabelCostKeys } from "./unsafe-label-cost-keys";
import { scopeBillingCurrency } from "../chargeback/customer-billing-currency";

export interface CostMover {
  key: string;
  label: string;
  previous: string;
  current: string;
  delta: string;
}

export interface CostMovers {
  /** The scope's billing currency (the labels of the amounts). */
  currency: string;
  month: string;
  previousMonth: string;
  customers: CostMover[];
  meters: CostMover[];
}

export const TOP_MOVERS = 5;

export async function listCostMovers(scope: PartnerScope, month: string): Promise<CostMovers> {
  assertScopeCan(scope, "billing:read");
  const { sql, prisma } = await getDatabase();
  const previousMonth = shiftMonth(month, -1);
  const resolved = await resolveReconQuery(sql, scope, { period: month });
  const movers = async (group: CostGroup): Promise<CostMover[]> => {
    const query = costAnalysisSql({ subscriptionIds: resolved.subscriptionIds, from: previousMonth, to: month, bucket: "monthly", group, filters: {} });
    const { rows } = await sql.query<{ bucket: string; key: string; amount: string }>(query.text, query.params);
    const sums = new Map<string, { previous: Decimal; current: Decimal }>();
    for (const row of rows) {
      const entry = sums.get(row.key) ?? { previous: new Decimal(0), current: new Decimal(0) };
      if (row.bucket === month) entry.current = entry.current.plus(row.amount);
      else entry.previous = entry.previous.plus(row.amount);
      sums.set(row.key, entry);
    }
    const top = [...sums]
      .map(([key, entry]) => ({ key, ...entry, delta: entry.current.minus(entry.previous) }))
      .filter((entry) => !entry.delta.isZero())
      .sort((a, b) => b.delta.abs().comparedTo(a.delta.abs()) || a.key.localeCompare(b.key))
      .slice(0, TOP_MOVERS);
    const labels = await unsafeLabelCostKeys(
      group,
      top.map((entry) => entry.key),
      scope.partnerName,
    );
    return top.map((entry) => ({
      key: entry.key,
      label: labels.get(entry.key)?.label ?? entry.key,
      previous: entry.previous.toFixed(2),
      current: entry.current.toFixed(2),
      delta: entry.delta.toFixed(2),
    }));
  };
  const [customers, meters, currency] = await Promise.all([movers("customer"), movers("meter"), scopeBillingCurrency(prisma, scope)]);
  return { currency, month, previousMonth, customers, meters };
}
