import "server-only";
// A credit or fee for a customer (one-time credit, recurring monthly credit, percentage discount for
// N months, minimum monthly fee), applied from its first period at each close. It can't start in a
// period that is already closed (that invoice is frozen). Audited.
import type { z } from "zod";
import { Prisma } from "../../generated/prisma/client";
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { COMMON_ERROR_CODES, DomainError } from "../errors";
import { findBilledCustomer } from "./find-billed-customer";
import type { createCustomerCreditSchema } from "./invoice-schemas";

export async function createCustomerCredit(scope: PartnerScope, input: z.output<typeof createCustomerCreditSchema>): Promise<{ id: string }> {
  const customer = await findBilledCustomer(scope, input.customerId);
  const prisma = await getPrisma();
  const closed = await prisma.billingPeriodClose.findFirst({
    where: { partnerId: customer.billingPartnerId, period: { gte: input.startPeriod } },
    orderBy: { period: "desc" },
    select: { period: true },
  });
  if (closed) {
    const message = `The period ${closed.period} is closed: start in a later period.`;
    throw new DomainError(COMMON_ERROR_CODES.ValidationFailed, message, { fields: { startPeriod: message } });
  }
  const percent = input.kind === "PERCENT_DISCOUNT";
  const months = input.months === "" || input.months === undefined ? null : input.months;
  return prisma.$transaction(async (tx) => {
    const credit = await tx.customerCredit.create({
      data: {
        partnerId: customer.billingPartnerId,
        customerId: customer.id,
        kind: input.kind,
        description: input.description,
        amount: percent ? null : new Prisma.Decimal(input.amount ?? "0"),
        percent: percent ? new Prisma.Decimal(input.percent ?? "0") : null,
        months,
        startPeriod: input.startPeriod,
        createdByUserId: scope.userId,
      },
      select: { id: true },
    });
    await recordAuditEvent(tx, scope, {
      action: "customerCredit.create",
      targetType: "CustomerCredit",
      targetId: credit.id,
      partnerId: customer.partnerId,
      after: {
        customerId: customer.id,
        kind: input.kind,
        description: input.description,
        amount: input.amount ?? null,
        percent: input.percent ?? null,
        months,
        startPeriod: input.startPeriod,
      },
    });
    return credit;
  });
}
