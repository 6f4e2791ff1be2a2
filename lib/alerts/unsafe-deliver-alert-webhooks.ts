import "server-only";
// Delivers queued alert webhooks: POST the alert as JSON, signed (sign-alert-payload.ts); a 2xx
// answer delivers it, anything else (or no answer in 10 s) is retried with backoff — 1, 5, 30,
// 120, 360 minutes — and given up after the sixth attempt. Each attempt's status code or error is
// kept on the delivery (the delivery log). A delivery is claimed by a conditional update before it
// is sent, so two portal processes never send it twice at once.
// UNSAFE (unscoped): the schedule delivers every partner's alerts.
import { getPrisma } from "../db";
import { openSecret } from "../stamps/secret-box";
import { postSignedAlertPayload } from "./post-signed-alert-payload";

export const WEBHOOK_BACKOFF_MINUTES = [1, 5, 30, 120, 360];
const CLAIM_MINUTES = 5;

export async function unsafeDeliverAlertWebhooks(options: { now?: Date; fetch?: typeof fetch } = {}): Promise<{ delivered: number; failed: number }> {
  const prisma = await getPrisma();
  const now = options.now ?? new Date();
  const send = options.fetch ?? fetch;
  const due = await prisma.alertDelivery.findMany({
    where: { status: "PENDING", nextAttemptAt: { lte: now } },
    select: { id: true, attempts: true },
    orderBy: { nextAttemptAt: "asc" },
    take: 100,
  });
  let delivered = 0;
  let failed = 0;
  for (const { id, attempts } of due) {
    const claimed = await prisma.alertDelivery.updateMany({
      where: { id, status: "PENDING", attempts, nextAttemptAt: { lte: now } },
      data: { nextAttemptAt: new Date(now.getTime() + CLAIM_MINUTES * 60_000) },
    });
    if (claimed.count === 0) continue;
    const delivery = await prisma.alertDelivery.findUniqueOrThrow({
      where: { id },
      select: {
        webhook: { select: { url: true, secretCiphertext: true } },
        alert: {
          select: {
            id: true,
            kind: true,
            period: true,
            threshold: true,
            day: true,
            amount: true,
            reference: true,
            currency: true,
            rule: true,
            createdAt: true,
            customer: { select: { id: true, companyName: true, tenantId: true } },
          },
        },
      },
    });
    const { alert } = delivery;
    const body = JSON.stringify({
      id: alert.id,
      type: `alert.${alert.kind.toLowerCase()}`,
      createdAt: alert.createdAt.toISOString(),
      customer: alert.customer,
      period: alert.period,
      day: alert.day?.toISOString().slice(0, 10) ?? null,
      thresholdPercent: alert.threshold,
      amount: alert.amount.toFixed(2),
      reference: alert.reference.toFixed(2),
      currency: alert.currency,
      rule: alert.rule,
    });
    let secret: string | null = null;
    try {
      secret = openSecret(delivery.webhook.secretCiphertext);
    } catch (caught) {
      console.warn("Alert webhook secret unreadable:", caught instanceof Error ? caught.message : caught);
    }
    const { statusCode, error } = secret
      ? await postSignedAlertPayload(delivery.webhook.url, secret, body, now, send)
      : { statusCode: null, error: "The webhook's secret can't be decrypted with the configured STACKCENTER_SECRET_KEY: rotate it." };
    const attempt = attempts + 1;
    if (statusCode !== null && statusCode >= 200 && statusCode < 300) {
      delivered++;
      await prisma.alertDelivery.update({
        where: { id },
        data: { status: "DELIVERED", attempts: attempt, lastStatusCode: statusCode, lastError: null, deliveredAt: now, nextAttemptAt: null },
      });
      continue;
    }
    const backoff = WEBHOOK_BACKOFF_MINUTES[attempt - 1];
    if (backoff === undefined) failed++;
    await prisma.alertDelivery.update({
      where: { id },
      data: {
        status: backoff === undefined ? "FAILED" : "PENDING",
        attempts: attempt,
        lastStatusCode: statusCode,
        lastError: error ?? `HTTP ${statusCode}`,
        nextAttemptAt: backoff === undefined ? null : new Date(now.getTime() + backoff * 60_000),
      },
    });
  }
  return { delivered, failed };
}
