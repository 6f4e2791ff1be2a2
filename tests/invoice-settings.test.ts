// Invoice settings, billing profiles and credits: their validation (field, message), the logo in the
// PDF, the reverse-charge note, and no credit starting in a closed period.
import { describe, expect, it } from "vitest";
import { deflateSync } from "node:zlib";
import { withTestWorld } from "./support/with-test-world";
import type { World } from "./support/world";
import type { Database } from "../lib/database/open-database";
import { makeApssSubscription } from "./support/factories";
import { makeRegistration } from "./support/registration-fixtures";
import { METERS, insertRatedLine } from "./support/chargeback-fixtures";
import { pdfText } from "./support/pdf-text";
import { saveBillingSettings } from "../lib/invoices/save-billing-settings";
import { saveCustomerBillingProfile } from "../lib/invoices/save-customer-billing-profile";
import { createCustomerCredit } from "../lib/invoices/create-customer-credit";
import { createCustomerCreditSchema, saveBillingSettingsSchema } from "../lib/invoices/invoice-schemas";
import { closePeriod } from "../lib/periods/close-period";
import { listInvoices } from "../lib/invoices/list-invoices";
import { getInvoicePdf } from "../lib/invoices/get-invoice-pdf";
import { REVERSE_CHARGE_NOTE } from "../lib/invoices/render-invoice-pdf";

let database: Database;
let world: World;

/** A valid 1×1 PNG, built here (signature, IHDR, IDAT, IEND with their CRCs). */
function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.from([0, 255, 0, 0]))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

withTestWorld(async (context) => {
  ({ database, world } = context);
  const partnerId = world.partners.direct.id;
  const registration = await makeRegistration(database.prisma, { partnerId, subscriptionId: (await makeApssSubscription(database.prisma, partnerId)).id });
  await insertRatedLine(database.sql, {
    registrationId: registration.id,
    subscriptionId: world.customers.direct.subscription.id,
    meterId: METERS.vm,
    day: "2026-10-02",
    quantity: "100",
    unitPrice: "0.008",
  });
});

const settings = {
  legalName: "Direct Ltd",
  address: "1 Road",
  taxId: "IE1",
  invoiceNumberFormat: "DL-{year}-{seq:4}",
  closeGraceDays: 3,
  defaultPaymentTermsDays: 30,
};

describe("invoice settings and billing profiles", () => {
  it("refuse a number format without {seq}, a fake PNG and a tax rate above 100 %, naming the field", async () => {
    const format = saveBillingSettingsSchema.safeParse({ ...settings, invoiceNumberFormat: "DL-{year}" });
    expect(format.success ? null : format.error.issues[0].path).toEqual(["invoiceNumberFormat"]);
    const admin = await world.scope("direct", "ADMIN_AGENT");
    await expect(saveBillingSettings(admin, { ...settings, logo: `data:image/png;base64,${Buffer.from("GIF89a").toString("base64")}` })).rejects.toMatchObject({
      code: "ValidationFailed",
      fields: { logo: "Upload a PNG or JPEG image." },
    });
    const customerId = world.customers.direct.customer.id;
    const profile = { customerId, legalName: "Customer GmbH", address: "Berlin", taxId: "DE1", reverseCharge: true, billingEmails: [] };
    await expect(saveCustomerBillingProfile(admin, { ...profile, taxRatePercent: "120" })).rejects.toMatchObject({
      fields: { taxRatePercent: "At most 100." },
    });
    const credit = createCustomerCreditSchema.safeParse({ customerId, kind: "PERCENT_DISCOUNT", description: "x", percent: "10", startPeriod: "2026-10" });
    expect(credit.success ? null : credit.error.issues.map((issue) => issue.path.join("."))).toEqual(["months"]);
  });

  it("print the logo and the reverse-charge note on the invoice; no credit can start in a closed period", async () => {
    const admin = await world.scope("direct", "ADMIN_AGENT");
    await saveBillingSettings(admin, { ...settings, logo: `data:image/png;base64,${tinyPng().toString("base64")}` });
    const customerId = world.customers.direct.customer.id;
    await saveCustomerBillingProfile(admin, {
      customerId,
      legalName: "Customer GmbH",
      address: "Berlin",
      taxId: "DE1",
      taxRatePercent: "19",
      reverseCharge: true,
      billingEmails: [],
    });
    await closePeriod(admin, "2026-10", { now: new Date("2026-11-06T00:00:00Z") });
    const [invoice] = await listInvoices(admin, { period: "2026-10" });
    expect([invoice.number, invoice.taxAmount, invoice.total]).toEqual(["DL-2026-0001", "0.00", "0.80"]);
    const pdf = Buffer.from((await getInvoicePdf(admin, invoice.id)).bytes);
    expect(pdf.toString("latin1")).toContain("/Subtype /Image");
    const text = (await pdfText(pdf)).replace(/\s+/g, " ");
    expect(text).toContain(REVERSE_CHARGE_NOTE);
    expect(text).toContain("Tax (0 %)");
    await expect(
      createCustomerCredit(admin, { customerId, kind: "ONE_TIME_CREDIT", description: "Late", amount: "5", startPeriod: "2026-10" }),
    ).rejects.toMatchObject({ fields: { startPeriod: "The period 2026-10 is closed: start in a later period." } });
  });
});
