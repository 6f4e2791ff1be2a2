import "server-only";
// Revenue (customer statements) vs Microsoft's cost (the recon file) vs margin, per customer and —
// for a distributor — per reseller, for one billing period. The billing partner only.
import type Decimal from "decimal.js";
import { getDatabase } from "../db";
import { visiblePartnerFilter, type PartnerScope } from "../auth/partner-scope";
import { periodRange } from "../billing/billing-period";
import { marginOf, marginPercent, sumMoney } from "./chargeback-math";
import { unsafeComputeStatements } from "./compute-statements";
import { requireBillingPartner } from "./billing-partner-scope";
import { resellerIdOf } from "./rate-card-subjects";

export interface MarginFigures {
  revenue: Decimal;
  microsoftCost: Decimal;
  margin: Decimal;
  /** Margin as a % of revenue; null without revenue. */
  marginPercent: Decimal | null;
}

export interface CustomerMargin extends MarginFigures {
  customerId: string;
  companyName: string;
  /** The reseller that owns the customer, or null for the partner's own customers. */
  reseller: { id: string; name: string } | null;
}

export interface ResellerMargin extends MarginFigures {
  resellerId: string | null;
  name: string;
  customers: number;
}

export interface MarginReport {
  period: string;
  currency: string;
  customers: CustomerMargin[];
  /** Distributors: per reseller (and the distributor's own customers); empty for direct CSPs. */
  resellers: ResellerMargin[];
  totals: MarginFigures;
}

function figures(revenue: Decimal, microsoftCost: Decimal): MarginFigures {
  const margin = marginOf(revenue, microsoftCost);
  return { revenue, microsoftCost, margin, marginPercent: marginPercent(margin, revenue) };
}

export async function getMarginReport(scope: PartnerScope, period: string): Promise<MarginReport> {
  const ownerId = requireBillingPartner(scope);
  const database = await getDatabase();
  const partnerFilter = visiblePartnerFilter(scope);
  const customers = await database.prisma.customer.findMany({
    where: { ...(partnerFilter ? { partnerId: partnerFilter } : {}), OR: [{ partnerId: ownerId }, { partner: { parentId: ownerId } }] },
    select: { id: true, companyName: true, partner: { select: { id: true, kind: true, name: true } } },
    orderBy: { companyName: "asc" },
  });
  const statements = await unsafeComputeStatements(
    database,
    ownerId,
    customers.map((c) => ({ id: c.id, resellerId: resellerIdOf(c.partner) })),
    periodRange(period),
  );
  let currency = "";
  const rows: CustomerMargin[] = [];
  for (const customer of customers) {
    const statement = statements.get(customer.id);
    if (!statement || statement.lines.length === 0) continue;
    currency ||= statement.currency;
    rows.push({
      customerId: customer.id,
      companyName: customer.companyName,
      reseller: customer.partner.kind === "INDIRECT_RESELLER" ? { id: customer.partner.id, name: customer.partner.name } : null,
      ...figures(statement.total, statement.microsoftCost),
    });
  }
  rows.sort((a, b) => b.revenue.comparedTo(a.revenue) || a.companyName.localeCompare(b.companyName));

  const resellers: ResellerMargin[] = [];
  if (scope.partnerKind === "INDIRECT_PROVIDER") {
    const groups = new Map<string, CustomerMargin[]>();
    for (const row of rows) {
      const key = row.reseller?.id ?? "";
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    for (const [key, group] of groups) {
      resellers.push({
        resellerId: key || null,
        name: group[0].reseller?.name ?? `${scope.partnerName} (own customers)`,
        customers: group.length,
        ...figures(sumMoney(group.map((r) => r.revenue)), sumMoney(group.map((r) => r.microsoftCost))),
      });
    }
    resellers.sort((a, b) => b.revenue.comparedTo(a.revenue) || a.name.localeCompare(b.name));
  }
  return {
    period,
    currency,
    customers: rows,
    resellers,
    totals: figures(sumMoney(rows.map((r) => r.revenue)), sumMoney(rows.map((r) => r.microsoftCost))),
  };
}
