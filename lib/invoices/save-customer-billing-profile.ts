import "server-only";
// Who a customer's invoices are addressed to (legal name, address, tax id), its tax rate, reverse
// charge, payment terms and billing contacts. The billing partner sets it; audited.
import type { z } from "zod";
import { Prisma } from "../../generated/prisma/client";
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { COMMON_ERROR_CODES, DomainError } from "../errors";
import { findBilledCustomer } from "./find-billed-customer";
import type { saveCustomerBillingProfileSchema } from "./invoice-schemas";

export async function saveCustomerBillingProfile(
  scope: PartnerScope,
  input: z.output<typeof saveCustomerBillingProfileSchema>,
): Promise<{ customerId: string }> {
  const customer = await findBilledCustomer(scope, input.customerId);
  if (Number(input.taxRatePercent) > 100) {
    throw new DomainError(COMMON_ERROR_CODES.ValidationFailed, "A tax rate is at most 100 %.", { fields: { taxRatePercent: "At most 100." } });
  }
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const select = {
      legalName: true,
      address: true,
      taxId: true,
      taxRatePercent: true,
      reverseCharge: true,
      paymentTermsDays: true,
      billingEmails: true,
    } as const;
    const before = await tx.customerBillingProfile.findUnique({ where: { customerId: customer.id }, select });
    const data = {
      legalName: input.legalName,
      address: input.address,
      taxId: input.taxId,
      taxRatePercent: new Prisma.Decimal(input.taxRatePercent),
      reverseCharge: input.reverseCharge,
      paymentTermsDays: input.paymentTermsDays === "" || input.paymentTermsDays === undefined ? null : input.paymentTermsDays,
      billingEmails: [...new Set(input.billingEmails.map((email) => email.toLowerCase()))],
    };
    const after = await tx.customerBillingProfile.upsert({
      where: { customerId: customer.id },
      create: { customerId: customer.id, ...data },
      update: data,
      select,
    });
    const plain = (value: typeof after | null) => (value ? { ...value, taxRatePercent: value.taxRatePercent.toString() } : undefined);
    await recordAuditEvent(tx, scope, {
      action: "customerBillingProfile.update",
      targetType: "Customer",
      targetId: customer.id,
      partnerId: customer.partnerId,
      before: plain(before),
      after: plain(after),
    });
    return { customerId: customer.id };
  });
}
