import "server-only";
// A new signing secret for one of the caller's partner's webhooks, answered once; deliveries from
// now on (retries included) are signed with it.
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { sealSecret } from "../stamps/secret-box";
import type { CreatedAlertWebhook } from "./create-alert-webhook";
import { findOwnAlertWebhook } from "./find-own-alert-webhook";
import { generateWebhookSecret } from "./generate-webhook-secret";
import { requireAlertPartner } from "./require-alert-partner";

export async function rotateAlertWebhookSecret(scope: PartnerScope, webhookId: string): Promise<CreatedAlertWebhook> {
  const partnerId = requireAlertPartner(scope);
  const secret = generateWebhookSecret();
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const webhook = await findOwnAlertWebhook(tx, partnerId, webhookId);
    await tx.alertWebhook.update({ where: { id: webhook.id }, data: { secretCiphertext: sealSecret(secret) }, select: { id: true } });
    await recordAuditEvent(tx, scope, {
      action: "alertWebhook.rotateSecret",
      targetType: "AlertWebhook",
      targetId: webhook.id,
      partnerId,
      after: { url: webhook.url },
    });
    return { id: webhook.id, url: webhook.url, secret };
  });
}
