// Another billing partner's invoices, closed periods and frozen recon files are unreachable: by id,
// by API token, by action argument (sending, credits, billing profiles). Operators bill no one.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { withTestWorld } from "./support/with-test-world";
import type { World } from "./support/world";
import type { Database } from "../lib/database/open-database";
import { makeApiToken } from "./support/registration-fixtures";
import { closeInvoiceWorld } from "./support/invoice-fixtures";
import { listInvoices } from "../lib/invoices/list-invoices";
import { getInvoice } from "../lib/invoices/get-invoice";
import { sendInvoice } from "../lib/invoices/send-invoice";
import { createCustomerCredit } from "../lib/invoices/create-customer-credit";
import { saveCustomerBillingProfile } from "../lib/invoices/save-customer-billing-profile";
import { getFrozenRecon } from "../lib/periods/get-frozen-recon";
import { GET as reconRoute } from "../app/api/periods/[period]/recon/route";
import { makeCustomerReader } from "./support/customer-reader-fixtures";

let database: Database;
let world: World;

withTestWorld(async (context) => {
  ({ database, world } = context);
  await closeInvoiceWorld(database, world);
});

describe("another partner's invoices", () => {
  it("are not listed nor found by id for another direct CSP, a distributor or an operator", async () => {
    const directInvoice = await database.prisma.invoice.findFirstOrThrow({ where: { partnerId: world.partners.direct.id }, select: { id: true } });
    for (const scope of [await world.scope("otherDirect", "ADMIN_AGENT"), await world.scope("distributor", "ADMIN_AGENT")]) {
      expect((await listInvoices(scope)).map((row) => row.id)).not.toContain(directInvoice.id);
      await expect(getInvoice(scope, directInvoice.id)).rejects.toMatchObject({ code: "NotFound" });
    }
    // Operators read no partner's billing: refused outright.
    await expect(listInvoices(await world.operatorScope())).rejects.toMatchObject({ code: "Forbidden" });
    await expect(getInvoice(await world.operatorScope(), directInvoice.id)).rejects.toMatchObject({ code: "Forbidden" });
  });

  it("can't be sent, credited or re-addressed by another billing partner", async () => {
    process.env.SMTP_HOST = "127.0.0.1";
    process.env.SMTP_FROM = "x@portal.test";
    const other = await world.scope("otherDirect", "ADMIN_AGENT");
    const directInvoice = await database.prisma.invoice.findFirstOrThrow({ where: { partnerId: world.partners.direct.id }, select: { id: true } });
    await expect(sendInvoice(other, directInvoice.id)).rejects.toMatchObject({ code: "NotFound" });
    const customerId = world.customers.direct.customer.id;
    await expect(
      createCustomerCredit(other, { customerId, kind: "ONE_TIME_CREDIT", description: "x", amount: "1", startPeriod: "2026-12" }),
    ).rejects.toMatchObject({
      code: "NotFound",
    });
    await expect(
      saveCustomerBillingProfile(other, { customerId, legalName: "x", address: "", taxId: "", taxRatePercent: "0", reverseCharge: false, billingEmails: [] }),
    ).rejects.toMatchObject({ code: "NotFound" });
    // A reseller is not a billing partner: it sends nothing and sets no credits, even for its own customer.
    const reseller = await world.scope("resellerA", "ADMIN_AGENT");
    const own = await database.prisma.invoice.findFirstOrThrow({ where: { customerId: world.customers.resellerA.customer.id }, select: { id: true } });
    await expect(sendInvoice(reseller, own.id)).rejects.toMatchObject({ status: 403 });
    delete process.env.SMTP_HOST;
    delete process.env.SMTP_FROM;
  });

  it("a customer reader reaches only its customer's invoice, and can't send, credit, re-address or download the frozen recon", async () => {
    const { scope } = await makeCustomerReader(database.prisma, world, "direct");
    const own = await database.prisma.invoice.findFirstOrThrow({ where: { customerId: world.customers.direct.customer.id }, select: { id: true } });
    expect((await listInvoices(scope)).map((row) => row.id)).toEqual([own.id]);
    const distributorInvoice = await database.prisma.invoice.findFirstOrThrow({ where: { partnerId: world.partners.distributor.id }, select: { id: true } });
    await expect(getInvoice(scope, distributorInvoice.id)).rejects.toMatchObject({ code: "NotFound" });
    await expect(sendInvoice(scope, own.id)).rejects.toMatchObject({ status: expect.any(Number) });
    const customerId = world.customers.direct.customer.id;
    await expect(
      createCustomerCredit(scope, { customerId, kind: "ONE_TIME_CREDIT", description: "x", amount: "1", startPeriod: "2026-12" }),
    ).rejects.toMatchObject({ status: expect.any(Number) });
    await expect(
      saveCustomerBillingProfile(scope, { customerId, legalName: "x", address: "", taxId: "", taxRatePercent: "0", reverseCharge: false, billingEmails: [] }),
    ).rejects.toMatchObject({ status: expect.any(Number) });
    await expect(getFrozenRecon(scope, "2026-10")).rejects.toMatchObject({ status: 403 });
    expect(await database.prisma.customerCredit.count({ where: { customerId } })).toBe(0);
  });

  it("frozen recon files are each billing partner's own (session and API token)", async () => {
    const direct = await getFrozenRecon(await world.scope("direct", "BILLING_ADMIN"), "2026-10");
    const distributor = await getFrozenRecon(await world.scope("distributor", "BILLING_ADMIN"), "2026-10");
    expect(direct.sha256).not.toBe(distributor.sha256);
    await expect(getFrozenRecon(await world.scope("otherDirect", "BILLING_ADMIN"), "2026-10")).rejects.toMatchObject({ code: "NotFound" });
    const { token } = await makeApiToken(database.prisma, { partnerId: world.partners.otherDirect.id, createdByUserId: world.users.otherDirect.ADMIN_AGENT });
    const response = await reconRoute(new Request("http://portal.test/api/periods/2026-10/recon", { headers: { authorization: `Bearer ${token}` } }), {
      params: Promise.resolve({ period: "2026-10" }),
    });
    expect(response.status).toBe(404);
    const { token: directToken } = await makeApiToken(database.prisma, {
      partnerId: world.partners.direct.id,
      createdByUserId: world.users.direct.ADMIN_AGENT,
    });
    const own = await reconRoute(new Request("http://portal.test/api/periods/2026-10/recon", { headers: { authorization: `Bearer ${directToken}` } }), {
      params: Promise.resolve({ period: "2026-10" }),
    });
    expect(own.status).toBe(200);
    const ownBytes = Buffer.from(await own.arrayBuffer());
    expect(ownBytes.length).toBe(direct.bytes);
    expect(createHash("sha256").update(ownBytes).digest("hex")).toBe(direct.sha256);
    expect(own.headers.get("etag")).toBe(`"${direct.sha256}"`);
    const bad = await reconRoute(new Request("http://portal.test/api/periods/2026-1x/recon", { headers: { authorization: `Bearer ${directToken}` } }), {
      params: Promise.resolve({ period: "2026-1x" }),
    });
    expect(bad.status).toBe(400);
  });
});
