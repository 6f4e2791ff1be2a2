import "server-only";
// Who hears of an alert (in-app and by e-mail): the active admin agents and billing admins of the
// alert's partner (the customer's own partner, so a distributor never hears of its resellers'
// customers and a reseller never of the distributor's) and, where that partner's settings say so
// (notifyCustomerUsers), the active customer readers of the alert's customer invited by that same
// partner. Alerts are computed at the partner's prices, so a reader learns nothing of Microsoft's
// cost from one. The one place recipients are decided.
// UNSAFE (unscoped): called by the evaluation and the e-mail with alerts it already holds.
import type { Prisma } from "../../generated/prisma/client";

export interface AlertRecipient {
  alertId: string;
  userId: string;
  email: string;
  /** "customer": a reader of the alert's customer, who must never be addressed together with the partner's users. */
  audience: "partner" | "customer";
}

type RecipientClient = Pick<Prisma.TransactionClient, "user" | "alertSettings">;

export async function unsafeFindAlertRecipients(
  client: RecipientClient,
  alerts: readonly { id: string; partnerId: string; customerId: string }[],
): Promise<AlertRecipient[]> {
  if (alerts.length === 0) return [];
  const partnerIds = [...new Set(alerts.map((alert) => alert.partnerId))];
  const partnerUsers = await client.user.findMany({
    where: { partnerId: { in: partnerIds }, role: { in: ["ADMIN_AGENT", "BILLING_ADMIN"] }, active: true },
    select: { id: true, email: true, partnerId: true },
  });
  const recipients: AlertRecipient[] = alerts.flatMap((alert) =>
    partnerUsers
      .filter((user) => user.partnerId === alert.partnerId)
      .map((user) => ({ alertId: alert.id, userId: user.id, email: user.email, audience: "partner" as const })),
  );
  const notifying = await client.alertSettings.findMany({
    where: { partnerId: { in: partnerIds }, notifyCustomerUsers: true },
    select: { partnerId: true },
  });
  const notifyingPartners = new Set(notifying.map((settings) => settings.partnerId));
  const customerAlerts = alerts.filter((alert) => notifyingPartners.has(alert.partnerId));
  if (customerAlerts.length === 0) return recipients;
  const readers = await client.user.findMany({
    where: { role: "CUSTOMER_READER", active: true, customerId: { in: [...new Set(customerAlerts.map((alert) => alert.customerId))] } },
    select: { id: true, email: true, partnerId: true, customerId: true },
  });
  for (const alert of customerAlerts) {
    for (const reader of readers) {
      if (reader.customerId === alert.customerId && reader.partnerId === alert.partnerId)
        recipients.push({ alertId: alert.id, userId: reader.id, email: reader.email, audience: "customer" });
    }
  }
  return recipients;
}
