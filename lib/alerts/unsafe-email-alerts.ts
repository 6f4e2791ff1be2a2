import "server-only";
// E-mails new alerts to the admin agents and billing admins of the customer's partner, over the
// SMTP server invoices use (lib/invoices/smtp-settings.ts; none configured = no e-mail, the in-app
// notification and webhooks still go). One message per alert; a failure is logged, never thrown:
// the alert itself is already stored and notified in-app.
// UNSAFE (unscoped): called by the evaluation with the ids of the alerts it just raised.
import { getPrisma } from "../db";
import { formatMoney } from "../format/money";
import { smtpSettings } from "../invoices/smtp-settings";
import { createSmtpTransport } from "../invoices/create-smtp-transport";

const SUBJECTS = {
  BUDGET_ACTUAL: (threshold: number | null) => `has used ${threshold} % of its budget`,
  BUDGET_FORECAST: (threshold: number | null) => `is forecast to reach ${threshold} % of its budget`,
  ANOMALY: () => "had an unusually expensive day",
} as const;

export async function unsafeEmailAlerts(alertIds: readonly string[]): Promise<number> {
  const settings = smtpSettings();
  if (!settings || alertIds.length === 0) return 0;
  const prisma = await getPrisma();
  const alerts = await prisma.alert.findMany({
    where: { id: { in: [...alertIds] } },
    select: {
      kind: true,
      threshold: true,
      period: true,
      day: true,
      amount: true,
      reference: true,
      currency: true,
      partner: { select: { users: { where: { active: true, role: { in: ["ADMIN_AGENT", "BILLING_ADMIN"] } }, select: { email: true } } } },
      customer: { select: { id: true, companyName: true } },
    },
  });
  const transport = createSmtpTransport(settings);
  let sent = 0;
  for (const alert of alerts) {
    const to = alert.partner.users.map((user) => user.email);
    if (to.length === 0) continue;
    const amount = formatMoney(alert.amount.toString(), alert.currency);
    const reference = formatMoney(alert.reference.toString(), alert.currency);
    const text =
      alert.kind === "ANOMALY"
        ? `${alert.customer.companyName}'s charges on ${alert.day?.toISOString().slice(0, 10)} were ${amount}, against a baseline (median) of ${reference} a day.`
        : `${alert.customer.companyName}: ${alert.kind === "BUDGET_ACTUAL" ? "month to date" : "forecast for the month"} ${amount} of a ${reference} budget in ${alert.period}.`;
    try {
      await transport.sendMail({
        from: settings.from,
        to,
        subject: `${alert.customer.companyName} ${SUBJECTS[alert.kind](alert.threshold)}`,
        text: `${text}\n\nCost analysis: /customers/${alert.customer.id}/usage\n`,
      });
      sent++;
    } catch (error) {
      console.warn("Alert e-mail failed:", error instanceof Error ? error.message : error);
    }
  }
  transport.close();
  return sent;
}
