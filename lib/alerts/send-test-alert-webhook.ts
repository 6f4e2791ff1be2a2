import "server-only";
// Sends a signed test event ({"type":"alert.test"}) to one of the caller's partner's webhooks at
// once and answers the receiver's status code (or the error). Not a delivery: no retries, not in
// the delivery log; the attempt is audited.
import { randomUUID } from "node:crypto";
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { openSecret } from "../stamps/secret-box";
import { findOwnAlertWebhook } from "./find-own-alert-webhook";
import { postSignedAlertPayload } from "./post-signed-alert-payload";
import { requireAlertPartner } from "./require-alert-partner";

export interface TestWebhookResult {
  id: string;
  statusCode: number | null;
  error: string | null;
  ok: boolean;
}

export async function sendTestAlertWebhook(scope: PartnerScope, webhookId: string, send: typeof fetch = fetch): Promise<TestWebhookResult> {
  const partnerId = requireAlertPartner(scope);
  const prisma = await getPrisma();
  const webhook = await findOwnAlertWebhook(prisma, partnerId, webhookId);
  const now = new Date();
  const body = JSON.stringify({ id: `test_${randomUUID()}`, type: "alert.test", createdAt: now.toISOString(), partner: scope.partnerName });
  const { statusCode, error } = await postSignedAlertPayload(webhook.url, openSecret(webhook.secretCiphertext), body, now, send);
  const ok = statusCode !== null && statusCode >= 200 && statusCode < 300;
  await prisma.$transaction((tx) =>
    recordAuditEvent(tx, scope, {
      action: "alertWebhook.test",
      targetType: "AlertWebhook",
      targetId: webhook.id,
      partnerId,
      after: { url: webhook.url, statusCode, error },
    }),
  );
  return { id: webhook.id, statusCode, error, ok };
}
