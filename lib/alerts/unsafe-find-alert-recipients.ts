import "server-only";
// Who hears of an alert (in-app and by e-mail): the active admin agents and billing admins of the
// alert's partner (the customer's own partner, so a distributor never hears of its resellers'
// customers and a reseller never of the distributor's). The one place recipients are decided.
// UNSAFE (unscoped): called by the evaluation and the e-mail with alerts it already holds.
import type { Prisma } from "../../generated/prisma/client";

export interface AlertRecipient {
  alertId: string;
  userId: string;
  email: string;
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
  const recipients = alerts.flatMap((alert) =>
    partnerUsers.filter((user) => user.partnerId === alert.partnerId).map((user) => ({ alertId: alert.id, userId: user.id, email: user.email })),
  );
  // The customer's own users: added here when the customer-reader role exists, for the partners
  // whose AlertSettings.notifyCustomerUsers is on (the switch is already stored and shown).
  return recipients;
}
