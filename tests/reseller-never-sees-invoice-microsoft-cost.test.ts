// Microsoft's cost is the billing partner's: a reseller's invoice list, invoice JSON (portal and API)
// and the PDF never carry it; the distributor that issued the invoice sees it.
import { describe, expect, it } from "vitest";
import { withTestWorld } from "./support/with-test-world";
import type { World } from "./support/world";
import type { Database } from "../lib/database/open-database";
import { makeApiToken } from "./support/registration-fixtures";
import { closeInvoiceWorld } from "./support/invoice-fixtures";
import { pdfText } from "./support/pdf-text";
import { listInvoices } from "../lib/invoices/list-invoices";
import { getInvoice } from "../lib/invoices/get-invoice";
import { getInvoicePdf } from "../lib/invoices/get-invoice-pdf";
import { getFrozenRecon } from "../lib/periods/get-frozen-recon";
import { GET as getRoute } from "../app/api/invoices/[invoiceId]/route";
import { makeCustomerReader } from "./support/customer-reader-fixtures";

let database: Database;
let world: World;

withTestWorld(async (context) => {
  ({ database, world } = context);
  await closeInvoiceWorld(database, world);
});

describe("Microsoft's cost on invoices", () => {
  it("is absent from everything a reseller reads, present for the issuing distributor", async () => {
    const reseller = await world.scope("resellerA", "ADMIN_AGENT");
    const [row] = await listInvoices(reseller);
    expect(row).not.toHaveProperty("microsoftCost");
    const invoice = await getInvoice(reseller, row.id);
    expect(invoice).not.toHaveProperty("microsoftCost");
    expect(JSON.stringify(invoice)).not.toContain("8.00"); // 1000 × 0.008: the cost; the customer pays 9.60
    expect(invoice.total).toBe("9.60");
    const { token } = await makeApiToken(database.prisma, { partnerId: world.partners.resellerA.id, createdByUserId: world.users.resellerA.ADMIN_AGENT });
    const api = await getRoute(new Request(`http://portal.test/api/invoices/${row.id}`, { headers: { authorization: `Bearer ${token}` } }), {
      params: Promise.resolve({ invoiceId: row.id }),
    });
    expect(await api.text()).not.toMatch(/microsoftCost|"8\.00"/);
    const text = await pdfText((await getInvoicePdf(reseller, row.id)).bytes);
    expect(text).toContain("9.60");
    expect(text).not.toContain("8.00");
    // The frozen recon file (Microsoft's side) is the billing partner's alone.
    await expect(getFrozenRecon(reseller, "2026-10")).rejects.toMatchObject({ status: 403 });

    const distributor = await world.scope("distributor", "BILLING_ADMIN");
    expect((await getInvoice(distributor, row.id)).microsoftCost).toBe("8.00");
    expect((await listInvoices(distributor, { customerId: world.customers.resellerA.customer.id }))[0].microsoftCost).toBe("8.00");
  });

  it("is absent for a customer reader, even of the billing partner's own customer (the direct CSP issued it)", async () => {
    const { scope } = await makeCustomerReader(database.prisma, world, "direct");
    const [row] = await listInvoices(scope);
    expect(row).not.toHaveProperty("microsoftCost");
    const invoice = await getInvoice(scope, row.id);
    expect(invoice).not.toHaveProperty("microsoftCost");
    expect(invoice.total).toBe("9.60");
    const text = await pdfText((await getInvoicePdf(scope, row.id)).bytes);
    expect(text).not.toContain("8.00");
    await expect(getFrozenRecon(scope, "2026-10")).rejects.toMatchObject({ status: 403 });
  });
});
