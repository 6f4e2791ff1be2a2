import "server-only";
// A customer's monthly budget (at the customer's prices): set, clear, read. The customer's own
// partner sets it (a distributor may also for its resellers' customers).
import type { z } from "zod";
import { Prisma } from "../../generated/prisma/client";
import { getPrisma } from "../db";
import { assertCanManagePartner, assertScopeCan, visibleCustomerFilter, visiblePartnerFilter, type PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { COMMON_ERROR_CODES, DomainError, notFound } from "../errors";
import { unsafeCustomerBillingCurrency } from "./customer-billing-currency";
import type { clearCustomerBudgetSchema, setCustomerBudgetSchema } from "./chargeback-schemas";

async function findScopedCustomer(scope: PartnerScope, customerId: string) {
  const prisma = await getPrisma();
  const partnerFilter = visiblePartnerFilter(scope);
  const customer = await prisma.customer.findFirst({
    where: { AND: [{ id: customerId }, visibleCustomerFilter(scope)], ...(partnerFilter ? { partnerId: partnerFilter } : {}) },
    select: { id: true, partnerId: true, budget: { select: { monthlyAmount: true, currency: true } } },
  });
  if (!customer) throw notFound("The customer");
  return customer;
}

const snapshot = (budget: { monthlyAmount: Prisma.Decimal; currency: string } | null) =>
  budget ? { monthlyAmount: budget.monthlyAmount.toFixed(2), currency: budget.currency } : null;

export async function setCustomerBudget(scope: PartnerScope, input: z.output<typeof setCustomerBudgetSchema>) {
  assertScopeCan(scope, "budgets:manage");
  const customer = await findScopedCustomer(scope, input.customerId);
  assertCanManagePartner(scope, customer.partnerId);
  const prisma = await getPrisma();
  // A budget is compared with the customer's billed amounts, so it is in their billing currency.
  const currency = await unsafeCustomerBillingCurrency(prisma, customer.id);
  if (input.currency !== currency) {
    throw new DomainError(COMMON_ERROR_CODES.ValidationFailed, `This customer is billed in ${currency}: set the budget in ${currency}.`, {
      fields: { currency: `Choose ${currency}, the customer's billing currency.` },
    });
  }
  return prisma.$transaction(async (tx) => {
    const data = { monthlyAmount: new Prisma.Decimal(input.monthlyAmount), currency: input.currency, updatedByUserId: scope.userId };
    const budget = await tx.customerBudget.upsert({
      where: { customerId: customer.id },
      create: { customerId: customer.id, ...data },
      update: data,
      select: { customerId: true, monthlyAmount: true, currency: true },
    });
    await recordAuditEvent(tx, scope, {
      action: "customerBudget.set",
      targetType: "Customer",
      targetId: customer.id,
      partnerId: customer.partnerId,
      before: snapshot(customer.budget) ?? undefined,
      after: snapshot(budget) ?? undefined,
    });
    return { customerId: budget.customerId };
  });
}

export async function clearCustomerBudget(scope: PartnerScope, input: z.output<typeof clearCustomerBudgetSchema>) {
  assertScopeCan(scope, "budgets:manage");
  const customer = await findScopedCustomer(scope, input.customerId);
  assertCanManagePartner(scope, customer.partnerId);
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    await tx.customerBudget.deleteMany({ where: { customerId: customer.id } });
    await recordAuditEvent(tx, scope, {
      action: "customerBudget.clear",
      targetType: "Customer",
      targetId: customer.id,
      partnerId: customer.partnerId,
      before: snapshot(customer.budget) ?? undefined,
    });
    return { customerId: customer.id };
  });
}

/** The customer's budget, or null; a foreign customer is NotFound. */
export async function getCustomerBudget(scope: PartnerScope, customerId: string) {
  assertScopeCan(scope, "statements:read");
  const customer = await findScopedCustomer(scope, customerId);
  return customer.budget;
}

/** The currency the customer's budget must be in (their billing currency); a foreign customer is NotFound. */
export async function getCustomerBudgetCurrency(scope: PartnerScope, customerId: string): Promise<string> {
  assertScopeCan(scope, "statements:read");
  const customer = await findScopedCustomer(scope, customerId);
  return unsafeCustomerBillingCurrency(await getPrisma(), customer.id);
}
