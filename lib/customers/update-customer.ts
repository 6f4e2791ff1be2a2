import "server-only";
import type { z } from "zod";
import { getPrisma } from "../db";
import { assertCanManagePartner, assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { getCustomer } from "./get-customer";
import type { updateCustomerSchema } from "./customer-schemas";

/** Changes a customer's company name and country; the directory (domain, tenant) is fixed at creation. */
export async function updateCustomer(scope: PartnerScope, input: z.output<typeof updateCustomerSchema>) {
  assertScopeCan(scope, "customers:write");
  const existing = await getCustomer(scope, input.customerId);
  assertCanManagePartner(scope, existing.partner.id);

  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const updated = await tx.customer.update({
      where: { id: existing.id },
      data: { companyName: input.companyName, country: input.country },
      select: { id: true, companyName: true, country: true },
    });
    await recordAuditEvent(tx, scope, {
      action: "customer.update",
      targetType: "Customer",
      targetId: existing.id,
      partnerId: existing.partner.id,
      before: { companyName: existing.companyName, country: existing.country },
      after: { companyName: updated.companyName, country: updated.country },
    });
    return updated;
  });
}
