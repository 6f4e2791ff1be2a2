import "server-only";
// Disables (or enables again) one of the caller's partner's webhooks. A disabled webhook gets no
// new deliveries; the ones already queued are still retried (docs/alerts.md).
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { findOwnAlertWebhook } from "./find-own-alert-webhook";
import { requireAlertPartner } from "./require-alert-partner";

export async function setAlertWebhookActive(scope: PartnerScope, input: { webhookId: string; active: boolean }): Promise<{ id: string; active: boolean }> {
  const partnerId = requireAlertPartner(scope);
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const webhook = await findOwnAlertWebhook(tx, partnerId, input.webhookId);
    await tx.alertWebhook.update({ where: { id: webhook.id }, data: { active: input.active }, select: { id: true } });
    await recordAuditEvent(tx, scope, {
      action: input.active ? "alertWebhook.enable" : "alertWebhook.disable",
      targetType: "AlertWebhook",
      targetId: webhook.id,
      partnerId,
      before: { url: webhook.url, active: webhook.active },
      after: { active: input.active },
    });
    return { id: webhook.id, active: input.active };
  });
}
