import "server-only";
// Adds a webhook for the caller's partner: the URL checked (check-webhook-url.ts), a new signing
// secret sealed with the secret box and answered once, for the form to show (never again).
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { DomainError } from "../errors";
import { sealSecret } from "../stamps/secret-box";
import { ALERT_ERROR_CODES, MAX_ALERT_WEBHOOKS } from "./alert-error-codes";
import { checkWebhookUrl } from "./check-webhook-url";
import { generateWebhookSecret } from "./generate-webhook-secret";
import { requireAlertPartner } from "./require-alert-partner";

export interface CreatedAlertWebhook {
  id: string;
  url: string;
  /** The signing secret, in clear: this answer is the only time it is shown. */
  secret: string;
}

export async function createAlertWebhook(scope: PartnerScope, input: { url: string }): Promise<CreatedAlertWebhook> {
  const partnerId = requireAlertPartner(scope);
  const url = checkWebhookUrl(input.url);
  const secret = generateWebhookSecret();
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const existing = await tx.alertWebhook.count({ where: { partnerId } });
    if (existing >= MAX_ALERT_WEBHOOKS) {
      throw new DomainError(ALERT_ERROR_CODES.TooManyWebhooks, `A partner keeps at most ${MAX_ALERT_WEBHOOKS} webhooks: delete one first.`, {
        status: 409,
      });
    }
    const webhook = await tx.alertWebhook.create({
      data: { partnerId, url, secretCiphertext: sealSecret(secret), createdByUserId: scope.userId },
      select: { id: true, url: true },
    });
    await recordAuditEvent(tx, scope, { action: "alertWebhook.create", targetType: "AlertWebhook", targetId: webhook.id, partnerId, after: { url } });
    return { ...webhook, secret };
  });
}
