import "server-only";
// A customer's statement for a billing period, as the caller may see it: the billing partner (the
// partner Microsoft bills) gets Microsoft's cost and the margin; a reseller — and any customer-facing
// view — gets prices and amounts only: the cost fields are not even in the returned object.
import type Decimal from "decimal.js";
import { getDatabase } from "../db";
import { assertScopeCan, isCustomerScope, visibleCustomerFilter, visiblePartnerFilter, type PartnerScope } from "../auth/partner-scope";
import { notFound } from "../errors";
import { periodRange } from "../billing/billing-period";
import { marginPercent } from "./chargeback-math";
import { unsafeComputeStatements, type CostedStatementLine } from "./compute-statements";
import { billingPartnerIdOf, resellerIdOf } from "./rate-card-subjects";

export type PublicStatementLine = Omit<CostedStatementLine, "microsoftCost" | "margin">;

interface StatementBase {
  period: string;
  from: string;
  to: string;
  currency: string;
  customer: { id: string; companyName: string; domain: string; country: string; tenantId: string };
  /** Who issues the statement: the customer's own partner (a reseller issues its customers'). */
  issuer: { id: string; name: string; country: string; mpnId: string };
  total: Decimal;
}

export type CustomerStatement =
  | (StatementBase & { showsCost: false; lines: PublicStatementLine[] })
  | (StatementBase & {
      showsCost: true;
      lines: CostedStatementLine[];
      microsoftCost: Decimal;
      margin: Decimal;
      marginPercent: Decimal | null;
    });

export interface StatementOptions {
  /** "customer": the customer-facing print view, never with cost or margin, whoever asks. */
  audience?: "partner" | "customer";
}

/** Only the public fields, built explicitly so nothing cost-related can ride along. */
export function publicLine(line: CostedStatementLine): PublicStatementLine {
  return {
    meterKind: line.meterKind,
    meterId: line.meterId,
    meterName: line.meterName,
    category: line.category,
    unit: line.unit,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    priceVaries: line.priceVaries,
    firstDay: line.firstDay,
    lastDay: line.lastDay,
    amount: line.amount,
  };
}

export async function getCustomerStatement(
  scope: PartnerScope,
  customerId: string,
  period: string,
  options: StatementOptions = {},
): Promise<CustomerStatement> {
  assertScopeCan(scope, "statements:read");
  const database = await getDatabase();
  const partnerFilter = visiblePartnerFilter(scope);
  const customer = await database.prisma.customer.findFirst({
    where: { AND: [{ id: customerId }, visibleCustomerFilter(scope)], ...(partnerFilter ? { partnerId: partnerFilter } : {}) },
    select: {
      id: true,
      companyName: true,
      domain: true,
      country: true,
      tenantId: true,
      partner: { select: { id: true, kind: true, parentId: true, name: true, country: true, mpnId: true } },
    },
  });
  if (!customer || scope.isOperator) throw notFound("The customer");
  const billingPartnerId = billingPartnerIdOf(customer.partner);
  const { from, to } = periodRange(period);
  const statements = await unsafeComputeStatements(database, billingPartnerId, [{ id: customer.id, resellerId: resellerIdOf(customer.partner) }], { from, to });
  const statement = statements.get(customer.id);
  if (!statement) throw notFound("The customer");
  const base: StatementBase = {
    period,
    from,
    to,
    currency: statement.currency,
    customer: { id: customer.id, companyName: customer.companyName, domain: customer.domain, country: customer.country, tenantId: customer.tenantId },
    issuer: { id: customer.partner.id, name: customer.partner.name, country: customer.partner.country, mpnId: customer.partner.mpnId },
    total: statement.total,
  };
  // A customer reader is never the billing partner, even when its customer's partner is.
  const isBillingPartner = scope.partnerId === billingPartnerId && scope.partnerKind !== "INDIRECT_RESELLER" && !isCustomerScope(scope);
  if (!isBillingPartner || options.audience === "customer") {
    return { ...base, showsCost: false, lines: statement.lines.map(publicLine) };
  }
  return {
    ...base,
    showsCost: true,
    lines: statement.lines,
    microsoftCost: statement.microsoftCost,
    margin: statement.margin,
    marginPercent: marginPercent(statement.margin, statement.total),
  };
}
