import "server-only";
// Sets (or clears) the billing partner's billing currency (an ISO 4217 code it supports), audited.
// Takes effect on every month's recon file and totals, which then need that month's rates.
import type { z } from "zod";
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { notFound } from "../errors";
import type { setBillingCurrencySchema } from "./currency-schemas";
import { requireCurrencyPartner } from "./require-currency-partner";

export async function setBillingCurrency(scope: PartnerScope, input: z.output<typeof setBillingCurrencySchema>): Promise<{ billingCurrency: string | null }> {
  const partnerId = requireCurrencyPartner(scope, "billingCurrency:manage");
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const before = await tx.partner.findUnique({ where: { id: partnerId }, select: { billingCurrency: true } });
    if (!before) throw notFound("The partner");
    const after = await tx.partner.update({ where: { id: partnerId }, data: { billingCurrency: input.billingCurrency }, select: { billingCurrency: true } });
    await recordAuditEvent(tx, scope, { action: "partner.billingCurrency.set", targetType: "Partner", targetId: partnerId, partnerId, before, after });
    return after;
  });
}
