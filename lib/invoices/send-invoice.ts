import "server-only";
// Sends an invoice's stored PDF to the customer's billing contacts over SMTP (nodemailer). Every
// attempt is recorded (InvoiceDelivery: recipients, SENT or FAILED with the server's answer), sets
// the invoice's delivery status and writes an audit event; sending again is a resend. The billing
// partner that issued the invoice sends it.
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { DomainError, COMMON_ERROR_CODES, notFound } from "../errors";
import { requireBillingPartner } from "../chargeback/billing-partner-scope";
import { SMTP_DISABLED_NOTICE, smtpSettings } from "./smtp-settings";
import { createSmtpTransport } from "./create-smtp-transport";
import { INVOICE_ERROR_CODES } from "./invoice-error-codes";

export interface SendInvoiceResult {
  invoiceId: string;
  status: "SENT";
  recipients: string[];
  messageId: string | null;
}

export async function sendInvoice(scope: PartnerScope, invoiceId: string): Promise<SendInvoiceResult> {
  const partnerId = requireBillingPartner(scope);
  const settings = smtpSettings();
  if (!settings) throw new DomainError(INVOICE_ERROR_CODES.SendingDisabled, SMTP_DISABLED_NOTICE, { status: 409 });
  const prisma = await getPrisma();
  const invoice = await prisma.invoice.findFirst({
    where: { id: invoiceId, partnerId },
    select: {
      id: true,
      number: true,
      period: true,
      total: true,
      currency: true,
      dueDate: true,
      pdf: true,
      billingEmails: true,
      billFrom: true,
      customer: { select: { partnerId: true, companyName: true, billingProfile: { select: { billingEmails: true } } } },
    },
  });
  if (!invoice) throw notFound("The invoice");
  const recipients = invoice.customer.billingProfile?.billingEmails.length ? invoice.customer.billingProfile.billingEmails : invoice.billingEmails;
  if (recipients.length === 0) {
    throw new DomainError(
      COMMON_ERROR_CODES.ValidationFailed,
      `${invoice.customer.companyName} has no billing contacts: add them to the customer's billing profile first.`,
    );
  }
  const sender = (invoice.billFrom as { legalName?: string } | null)?.legalName ?? scope.partnerName;
  const transport = createSmtpTransport(settings);
  let messageId: string | null = null;
  let failure: string | null = null;
  try {
    const info = await transport.sendMail({
      from: settings.from,
      to: recipients,
      subject: `Invoice ${invoice.number} from ${sender} (${invoice.period})`,
      text: `Dear ${invoice.customer.companyName},\n\nplease find attached invoice ${invoice.number} for ${invoice.period}: ${invoice.currency} ${invoice.total.toFixed(2)}, due ${invoice.dueDate.toISOString().slice(0, 10)}.\n\n${sender}\n`,
      attachments: [{ filename: `${invoice.number}.pdf`, content: Buffer.from(invoice.pdf), contentType: "application/pdf" }],
    });
    messageId = info.messageId ?? null;
  } catch (error) {
    failure = error instanceof Error ? error.message.slice(0, 500) : "The SMTP server refused the message.";
  } finally {
    transport.close();
  }
  const status = failure ? "FAILED" : "SENT";
  await prisma.$transaction(async (tx) => {
    await tx.invoiceDelivery.create({
      data: { invoiceId: invoice.id, recipients, status, error: failure, messageId, sentByUserId: scope.userId },
      select: { id: true },
    });
    await tx.invoice.update({ where: { id: invoice.id }, data: { deliveryStatus: status }, select: { id: true } });
    await recordAuditEvent(tx, scope, {
      action: "invoice.send",
      targetType: "Invoice",
      targetId: invoice.id,
      partnerId: invoice.customer.partnerId,
      after: { number: invoice.number, recipients, status, error: failure },
    });
  });
  if (failure) throw new DomainError(INVOICE_ERROR_CODES.DeliveryFailed, `The invoice could not be sent: ${failure}`, { status: 502 });
  return { invoiceId: invoice.id, status: "SENT", recipients, messageId };
}
