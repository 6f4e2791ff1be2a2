import "server-only";
// E-mails new alerts to their recipients (unsafe-find-alert-recipients.ts), unless the partner
// turned e-mail off in its alert settings, over the SMTP server invoices use
// (lib/invoices/smtp-settings.ts; none configured = no e-mail, the in-app notification and
// webhooks still go). One message per alert and audience: the customer's readers get their own
// message (their portal's link; the partner's users' addresses never shown to them). A failure is
// logged, never thrown:
// the alert itself is already stored and notified in-app.
// UNSAFE (unscoped): called by the evaluation with the ids of the alerts it just raised.
import { getPrisma } from "../db";
import { formatMoney } from "../format/money";
import { smtpSettings } from "../invoices/smtp-settings";
import { createSmtpTransport } from "../invoices/create-smtp-transport";
import { unsafeFindAlertRecipients } from "./unsafe-find-alert-recipients";

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
      id: true,
      partnerId: true,
      customerId: true,
      kind: true,
      threshold: true,
      period: true,
      day: true,
      amount: true,
      reference: true,
      currency: true,
      partner: { select: { alertSettings: { select: { emailEnabled: true } } } },
      customer: { select: { id: true, companyName: true } },
    },
  });
  const emailed = alerts.filter((alert) => alert.partner.alertSettings?.emailEnabled ?? true);
  if (emailed.length === 0) return 0;
  const recipients = await unsafeFindAlertRecipients(prisma, emailed);
  const transport = createSmtpTransport(settings);
  let sent = 0;
  for (const alert of emailed) {
    const amount = formatMoney(alert.amount.toString(), alert.currency);
    const reference = formatMoney(alert.reference.toString(), alert.currency);
    const text =
      alert.kind === "ANOMALY"
        ? `${alert.customer.companyName}'s charges on ${alert.day?.toISOString().slice(0, 10)} were ${amount}, against a baseline (median) of ${reference} a day.`
        : `${alert.customer.companyName}: ${alert.kind === "BUDGET_ACTUAL" ? "month to date" : "forecast for the month"} ${amount} of a ${reference} budget in ${alert.period}.`;
    for (const audience of ["partner", "customer"] as const) {
      const to = [
        ...new Set(recipients.filter((recipient) => recipient.alertId === alert.id && recipient.audience === audience).map((recipient) => recipient.email)),
      ];
      if (to.length === 0) continue;
      try {
        await transport.sendMail({
          from: settings.from,
          to,
          subject: `${alert.customer.companyName} ${SUBJECTS[alert.kind](alert.threshold)}`,
          text: `${text}\n\nCost analysis: ${audience === "customer" ? "/my/costs" : `/customers/${alert.customer.id}/usage`}\n`,
        });
        sent++;
      } catch (error) {
        console.warn("Alert e-mail failed:", error instanceof Error ? error.message : error);
      }
    }
  }
  transport.close();
  return sent;
}
