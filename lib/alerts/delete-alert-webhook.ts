import "server-only";
// Deletes one of the caller's partner's webhooks, with its delivery log (the alerts themselves stay).
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { findOwnAlertWebhook } from "./find-own-alert-webhook";
import { requireAlertPartner } from "./require-alert-partner";

export async function deleteAlertWebhook(scope: PartnerScope, webhookId: string): Promise<{ id: string }> {
  const partnerId = requireAlertPartner(scope);
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const webhook = await findOwnAlertWebhook(tx, partnerId, webhookId);
    await tx.alertWebhook.delete({ where: { id: webhook.id }, select: { id: true } });
    await recordAuditEvent(tx, scope, {
      action: "alertWebhook.delete",
      targetType: "AlertWebhook",
      targetId: webhook.id,
      partnerId,
      before: { url: webhook.url, active: webhook.active },
    });
    return { id: webhook.id };
  });
}
