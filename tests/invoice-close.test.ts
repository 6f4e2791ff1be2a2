// Month-end close: a hand-computed invoice (markup card, discount, minimum fee, credits, tax) to the
// cent and in its PDF's text; a close killed between steps leaves nothing and the restart issues one
// invoice per customer with gapless numbers; two closes at once close once.
import { describe, expect, it } from "vitest";
import { Prisma } from "../generated/prisma/client";
import { withTestWorld } from "./support/with-test-world";
import type { World } from "./support/world";
import type { Database } from "../lib/database/open-database";
import { makeApssSubscription, makeCspSubscription, makeCustomer } from "./support/factories";
import { makeRegistration } from "./support/registration-fixtures";
import { METERS, insertRatedLine, makeRateCard } from "./support/chargeback-fixtures";
import { pdfText } from "./support/pdf-text";
import { unsafeClosePeriod, type CloseStep } from "../lib/periods/unsafe-close-period";
import { closePeriod } from "../lib/periods/close-period";
import { getInvoice } from "../lib/invoices/get-invoice";
import { getInvoicePdf } from "../lib/invoices/get-invoice-pdf";
import { listInvoices } from "../lib/invoices/list-invoices";

let database: Database;
let world: World;
let customerA: string;
let customerB: string;
const CLOSED_AT = new Date("2026-11-06T09:00:00Z");

withTestWorld(async (context) => {
  ({ database, world } = context);
  const { prisma, sql } = database;
  const partnerId = world.partners.direct.id;
  const apss = await makeApssSubscription(prisma, partnerId);
  const registration = await makeRegistration(prisma, { partnerId, subscriptionId: apss.id });
  customerA = world.customers.direct.customer.id;
  const second = await makeCustomer(prisma, { partnerId, companyName: "Second Customer" });
  customerB = second.id;
  const subscriptionB = await makeCspSubscription(prisma, { customerId: second.id, rollsUpToPartnerId: partnerId });
  const line = (subscriptionId: string, meterId: string, day: string, quantity: string, unitPrice: string) =>
    insertRatedLine(sql, { registrationId: registration.id, subscriptionId, meterId, day, quantity, unitPrice });
  const a = world.customers.direct.subscription.id;
  // September: both customers have usage (the crash test closes it).
  await line(a, METERS.vm, "2026-09-10", "10", "0.008");
  await line(subscriptionB.id, METERS.vm, "2026-09-11", "20", "0.008");
  // October: customer A only (the hand-computed invoice).
  await line(a, METERS.vm, "2026-10-03", "100", "0.008");
  await line(a, METERS.vm, "2026-10-10", "50.5", "0.008");
  await line(a, METERS.blockBlob, "2026-10-05", "1000", "0.006");
  await makeRateCard(prisma, { ownerPartnerId: partnerId, level: "DEFAULT", versions: [{ from: "2026-01-01", defaultMarkup: "25" }] });
  await prisma.partnerBillingSettings.create({
    data: {
      partnerId,
      legalName: "Adatum Cloud Partners Ltd",
      address: "1 Main Street\nDublin",
      taxId: "IE1234567X",
      invoiceNumberFormat: "AD-{year}-{seq:6}",
    },
  });
  await prisma.customerBillingProfile.create({
    data: {
      customerId: customerA,
      legalName: "Contoso Pharma GmbH",
      address: "Hauptstrasse 5\nBerlin",
      taxId: "DE999999999",
      taxRatePercent: "19",
      paymentTermsDays: 14,
      billingEmails: ["ap@contoso-pharma.example"],
    },
  });
  const credit = (
    kind: "ONE_TIME_CREDIT" | "RECURRING_CREDIT" | "PERCENT_DISCOUNT" | "MINIMUM_FEE",
    description: string,
    values: { amount?: string; percent?: string; months?: number },
  ) =>
    prisma.customerCredit.create({
      data: {
        partnerId,
        customerId: customerA,
        kind,
        description,
        startPeriod: "2026-10",
        amount: values.amount ? new Prisma.Decimal(values.amount) : null,
        percent: values.percent ? new Prisma.Decimal(values.percent) : null,
        months: values.months ?? null,
      },
    });
  await credit("PERCENT_DISCOUNT", "Launch discount", { percent: "10", months: 3 });
  await credit("MINIMUM_FEE", "Minimum monthly fee", { amount: "20.00" });
  await credit("RECURRING_CREDIT", "Support credit", { amount: "1.50" });
  await credit("ONE_TIME_CREDIT", "Goodwill credit", { amount: "2.25" });
});

describe("a close killed between steps", () => {
  it.each<CloseStep>(["locked", "numbered", "invoices", "lines"])("leaves nothing behind when it dies after %s", async (step) => {
    const crash = (at: CloseStep) => {
      if (at === step) throw new Error(`simulated crash after ${at}`);
    };
    await expect(unsafeClosePeriod(database, world.partners.direct.id, "2026-09", null, { now: CLOSED_AT, afterStep: crash })).rejects.toThrow(
      "simulated crash",
    );
    expect(await database.prisma.billingPeriodClose.count()).toBe(0);
    expect(await database.prisma.invoice.count()).toBe(0);
    expect(await database.prisma.invoiceCounter.count()).toBe(0);
  });

  it("restarted (twice at once), issues one invoice per customer with gapless numbers", async () => {
    const partnerId = world.partners.direct.id;
    const results = await Promise.all([
      unsafeClosePeriod(database, partnerId, "2026-09", null, { now: CLOSED_AT }),
      unsafeClosePeriod(database, partnerId, "2026-09", null, { now: CLOSED_AT }),
    ]);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    const again = await unsafeClosePeriod(database, partnerId, "2026-09", null, { now: CLOSED_AT });
    expect(again.created).toBe(false);
    const invoices = await database.prisma.invoice.findMany({ orderBy: { sequence: "asc" }, select: { number: true, customerId: true } });
    expect(invoices.map((invoice) => invoice.number)).toEqual(["AD-2026-000001", "AD-2026-000002"]);
    expect(invoices.map((invoice) => invoice.customerId).sort()).toEqual([customerA, customerB].sort());
    expect(await database.prisma.auditEvent.count({ where: { action: "period.autoClose" } })).toBe(1);
  });
});

describe("the hand-computed invoice", () => {
  it("has every line, subtotal, tax and total to the cent", async () => {
    const admin = await world.scope("direct", "ADMIN_AGENT");
    await expect(closePeriod(admin, "2026-11", { now: CLOSED_AT })).rejects.toThrow("has not ended");
    const result = await closePeriod(admin, "2026-10", { now: CLOSED_AT });
    expect(result).toMatchObject({ created: true, invoiceCount: 1 });
    const [row] = await listInvoices(admin, { period: "2026-10" });
    const invoice = await getInvoice(admin, row.id);
    expect(invoice.number).toBe("AD-2026-000003");
    expect(invoice.customer.id).toBe(customerA);
    expect([invoice.issueDate, invoice.dueDate, invoice.currency]).toEqual(["2026-11-06", "2026-11-20", "USD"]);
    expect(invoice.lines.map((line) => [line.kind, line.description, line.quantity, line.unitPrice, line.amount])).toEqual([
      // Blob: 0.006 × 1.25 = 0.0075; 1000 × 0.0075 = 7.50.
      ["USAGE", "Storage — Block Blob", "1000", "0.0075", "7.50"],
      // VM: 0.008 × 1.25 = 0.01; 150.5 × 0.01 = 1.505 → 1.51 (half-up, once per line).
      ["USAGE", "VM", "150.5", "0.01", "1.51"],
      // 10 % of the usage total 9.01 = 0.901 → 0.90.
      ["DISCOUNT", "Launch discount (10 %)", null, null, "-0.90"],
      // 9.01 − 0.90 = 8.11, topped up to the 20.00 minimum.
      ["MINIMUM_FEE", "Minimum monthly fee", null, null, "11.89"],
      ["CREDIT", "Support credit", null, null, "-1.50"],
      ["CREDIT", "Goodwill credit", null, null, "-2.25"],
    ]);
    // 20.00 − 1.50 − 2.25 = 16.25; tax 19 % = 3.0875 → 3.09; total 19.34.
    expect([invoice.subtotal, invoice.taxAmount, invoice.total]).toEqual(["16.25", "3.09", "19.34"]);
    // Microsoft's cost: FLOOR(0.80) + FLOOR(0.404) + FLOOR(6.00) = 7.20, for the billing partner only.
    expect(invoice.microsoftCost).toBe("7.20");
    expect(invoice.billFrom).toEqual({ legalName: "Adatum Cloud Partners Ltd", address: "1 Main Street\nDublin", taxId: "IE1234567X" });
    expect(invoice.billTo.taxId).toBe("DE999999999");

    const text = await pdfText((await getInvoicePdf(admin, row.id)).bytes);
    for (const expected of [
      "AD-2026-000003",
      "2026-10",
      "2026-11-06",
      "2026-11-20",
      "Adatum Cloud Partners Ltd",
      "IE1234567X",
      "Contoso Pharma GmbH",
      "DE999999999",
    ]) {
      expect(text).toContain(expected);
    }
    for (const figure of ["7.50", "1.51", "-0.90", "11.89", "-1.50", "-2.25", "16.25", "3.09", "19.34", "Tax (19 %)", "Total (USD)"])
      expect(text).toContain(figure);
    expect(text).not.toContain("7.20");
  });

  it("uses the one-time credit once: the next period bills the minimum fee less the recurring credit", async () => {
    const admin = await world.scope("direct", "ADMIN_AGENT");
    await closePeriod(admin, "2026-11", { now: new Date("2026-12-05T09:00:00Z") });
    const [row] = await listInvoices(admin, { period: "2026-11", customerId: customerA });
    const invoice = await getInvoice(admin, row.id);
    expect(invoice.lines.map((line) => [line.kind, line.amount])).toEqual([
      ["MINIMUM_FEE", "20.00"],
      ["CREDIT", "-1.50"],
    ]);
    expect([invoice.subtotal, invoice.taxAmount, invoice.total, invoice.number]).toEqual(["18.50", "3.52", "22.02", "AD-2026-000004"]);
  });

  it("draws the PDFs again when another close took the numbers they were drawn with", async () => {
    const partnerId = world.partners.direct.id;
    const now = new Date("2027-02-05T09:00:00Z");
    // December's PDFs are drawn as AD-2027-000001; January's close commits first and takes that number.
    await unsafeClosePeriod(database, partnerId, "2026-12", null, {
      now,
      beforeTransaction: () => unsafeClosePeriod(database, partnerId, "2027-01", null, { now }),
    });
    const numbers = await database.prisma.invoice.findMany({
      where: { year: 2027 },
      orderBy: { sequence: "asc" },
      select: { period: true, number: true, pdf: true },
    });
    expect(numbers.map((row) => [row.period, row.number])).toEqual([
      ["2027-01", "AD-2027-000001"],
      ["2026-12", "AD-2027-000002"],
    ]);
    expect(await pdfText(numbers[1].pdf)).toContain("AD-2027-000002");
  });
});
