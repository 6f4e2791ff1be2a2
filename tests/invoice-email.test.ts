// Sending invoices over SMTP (an in-process smtp-server): the message reaches the customer's billing
// contacts with the stored PDF attached (its text holds the figures); every attempt is recorded and
// audited; a resend sends again; no SMTP configured = sending disabled with a clear notice; a
// refusing server = FAILED with its reason.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { withTestWorld } from "./support/with-test-world";
import type { World } from "./support/world";
import type { Database } from "../lib/database/open-database";
import { closeInvoiceWorld } from "./support/invoice-fixtures";
import { startSmtpSink, type SmtpSink } from "./support/smtp-sink";
import { pdfText } from "./support/pdf-text";
import { sendInvoice } from "../lib/invoices/send-invoice";
import { getInvoice } from "../lib/invoices/get-invoice";
import { getInvoicePdf } from "../lib/invoices/get-invoice-pdf";
import { SMTP_DISABLED_NOTICE, smtpSettings } from "../lib/invoices/smtp-settings";

let database: Database;
let world: World;
let sink: SmtpSink;
let invoiceId: string;

withTestWorld(async (context) => {
  ({ database, world } = context);
  await closeInvoiceWorld(database, world);
  invoiceId = (await database.prisma.invoice.findFirstOrThrow({ where: { customerId: world.customers.resellerA.customer.id }, select: { id: true } })).id;
});
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await sink.close();
});

describe("sending an invoice", () => {
  it("is disabled with a clear notice when no SMTP server is configured", async () => {
    for (const key of ["SMTP_HOST", "SMTP_FROM"]) vi.stubEnv(key, "");
    expect(smtpSettings()).toBeNull();
    await expect(sendInvoice(await world.scope("distributor", "BILLING_ADMIN"), invoiceId)).rejects.toMatchObject({
      code: "SendingDisabled",
      message: SMTP_DISABLED_NOTICE,
    });
    expect(await database.prisma.invoiceDelivery.count()).toBe(0);
  });

  it("delivers the stored PDF to the billing contacts, records and audits it; a resend sends again", async () => {
    for (const [key, value] of Object.entries(sink.env)) vi.stubEnv(key, value);
    const scope = await world.scope("distributor", "BILLING_ADMIN");
    const result = await sendInvoice(scope, invoiceId);
    expect(result.recipients).toEqual(["ap@reseller-a-customer.example", "cfo@reseller-a-customer.example"]);
    expect(sink.messages).toHaveLength(1);
    const [mail] = sink.messages;
    const invoice = await getInvoice(scope, invoiceId);
    expect(mail.subject).toBe(`Invoice ${invoice.number} from ${invoice.billFrom.legalName} (2026-10)`);
    expect(mail.text).toContain("USD 9.60");
    expect(mail.attachments).toHaveLength(1);
    const [attachment] = mail.attachments;
    expect([attachment.filename, attachment.contentType]).toEqual([`${invoice.number}.pdf`, "application/pdf"]);
    expect(Buffer.compare(attachment.content, Buffer.from((await getInvoicePdf(scope, invoiceId)).bytes))).toBe(0);
    const text = await pdfText(attachment.content);
    // 1000 × 0.008 × 1.2 = 9.60; no tax rate on the profile: tax 0.00, total 9.60.
    for (const figure of [invoice.number, "Reseller A Customer Ltd", "1000", "0.0096", "9.60", "0.00"]) expect(text).toContain(figure);

    await sendInvoice(scope, invoiceId);
    expect(sink.messages).toHaveLength(2);
    const view = await getInvoice(scope, invoiceId);
    expect(view.deliveryStatus).toBe("SENT");
    expect(view.deliveries.map((delivery) => delivery.status)).toEqual(["SENT", "SENT"]);
    expect(await database.prisma.auditEvent.count({ where: { action: "invoice.send", targetId: invoiceId } })).toBe(2);
  });

  it("records FAILED with the reason when the server can't be reached", async () => {
    const closed = await startSmtpSink();
    await closed.close();
    for (const [key, value] of Object.entries(closed.env)) vi.stubEnv(key, value);
    const scope = await world.scope("distributor", "ADMIN_AGENT");
    await expect(sendInvoice(scope, invoiceId)).rejects.toMatchObject({ code: "DeliveryFailed" });
    const view = await getInvoice(scope, invoiceId);
    expect(view.deliveryStatus).toBe("FAILED");
    expect(view.deliveries[0]).toMatchObject({ status: "FAILED", error: expect.stringMatching(/ECONNREFUSED|connect/i) });
  });
});
