import "server-only";
// Saves the caller's partner's alert settings (thresholds, actual/forecast, anomaly parameters,
// e-mail, customer users), audited with before and after in the same transaction.
import type { z } from "zod";
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { saveAlertSettingsSchema } from "./alert-schemas";
import { requireAlertPartner } from "./require-alert-partner";

const SELECT = {
  budgetThresholds: true,
  budgetOnActual: true,
  budgetOnForecast: true,
  anomalyFactor: true,
  anomalyBaselineDays: true,
  anomalyMinimumAmount: true,
  emailEnabled: true,
  notifyCustomerUsers: true,
} as const;

export async function saveAlertSettings(scope: PartnerScope, input: z.output<typeof saveAlertSettingsSchema>): Promise<{ partnerId: string }> {
  const partnerId = requireAlertPartner(scope);
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const before = await tx.alertSettings.findUnique({ where: { partnerId }, select: SELECT });
    const data = {
      budgetThresholds: input.budgetThresholds,
      budgetOnActual: input.budgetOnActual,
      budgetOnForecast: input.budgetOnForecast,
      anomalyFactor: input.anomalyFactor,
      anomalyBaselineDays: input.anomalyBaselineDays,
      anomalyMinimumAmount: input.anomalyMinimumAmount,
      emailEnabled: input.emailEnabled,
      notifyCustomerUsers: input.notifyCustomerUsers,
    };
    const after = await tx.alertSettings.upsert({ where: { partnerId }, create: { partnerId, ...data }, update: data, select: SELECT });
    const plain = (row: typeof after) => ({ ...row, anomalyFactor: row.anomalyFactor.toFixed(2), anomalyMinimumAmount: row.anomalyMinimumAmount.toFixed(2) });
    await recordAuditEvent(tx, scope, {
      action: "alertSettings.update",
      targetType: "Partner",
      targetId: partnerId,
      partnerId,
      before: before ? plain(before) : undefined,
      after: plain(after),
    });
    return { partnerId };
  });
}
