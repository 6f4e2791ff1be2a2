// A reseller sees its own customers' invoices (list, JSON, PDF, API token), never another reseller's
// or the distributor's own customers'; a foreign id answers NotFound / 404 like an unknown one.
import { describe, expect, it } from "vitest";
import { withTestWorld } from "./support/with-test-world";
import type { World } from "./support/world";
import type { Database } from "../lib/database/open-database";
import { makeApiToken } from "./support/registration-fixtures";
import { closeInvoiceWorld } from "./support/invoice-fixtures";
import { makeCustomerReader } from "./support/customer-reader-fixtures";
import { listInvoices } from "../lib/invoices/list-invoices";
import { getInvoice } from "../lib/invoices/get-invoice";
import { getInvoicePdf } from "../lib/invoices/get-invoice-pdf";
import { GET as listRoute } from "../app/api/invoices/route";
import { GET as getRoute } from "../app/api/invoices/[invoiceId]/route";
import { GET as pdfRoute } from "../app/api/invoices/[invoiceId]/pdf/route";

let database: Database;
let world: World;

withTestWorld(async (context) => {
  ({ database, world } = context);
  await closeInvoiceWorld(database, world);
});

const invoiceOf = async (customerId: string) => (await database.prisma.invoice.findFirstOrThrow({ where: { customerId }, select: { id: true } })).id;

describe("a reseller's invoices", () => {
  it("lists only its own customers' invoices; the distributor lists all of its customers'", async () => {
    for (const role of ["ADMIN_AGENT", "BILLING_ADMIN"] as const) {
      const rows = await listInvoices(await world.scope("resellerA", role));
      expect(rows.map((row) => row.customer.id)).toEqual([world.customers.resellerA.customer.id]);
    }
    const distributor = await listInvoices(await world.scope("distributor", "BILLING_ADMIN"));
    expect(distributor.map((row) => row.customer.id).sort()).toEqual(
      [world.customers.distributor.customer.id, world.customers.resellerA.customer.id, world.customers.resellerB.customer.id].sort(),
    );
    const narrowed = await listInvoices(await world.scope("distributor", "BILLING_ADMIN", world.partners.resellerB.id));
    expect(narrowed.map((row) => row.customer.id)).toEqual([world.customers.resellerB.customer.id]);
  });

  it("can't open another reseller's or the distributor's invoice by id, nor its PDF", async () => {
    const scope = await world.scope("resellerA", "ADMIN_AGENT");
    for (const customer of [world.customers.resellerB, world.customers.distributor, world.customers.direct]) {
      const id = await invoiceOf(customer.customer.id);
      await expect(getInvoice(scope, id)).rejects.toMatchObject({ code: "NotFound" });
      await expect(getInvoicePdf(scope, id)).rejects.toMatchObject({ code: "NotFound" });
    }
    expect((await getInvoice(scope, await invoiceOf(world.customers.resellerA.customer.id))).customer.id).toBe(world.customers.resellerA.customer.id);
  });

  it("over the API with its token: its own invoices, 404 for another reseller's", async () => {
    const { token } = await makeApiToken(database.prisma, { partnerId: world.partners.resellerA.id, createdByUserId: world.users.resellerA.ADMIN_AGENT });
    const headers = { authorization: `Bearer ${token}` };
    const list = await listRoute(new Request("http://portal.test/api/invoices?period=2026-10", { headers }));
    expect(list.status).toBe(200);
    const body = (await list.json()) as { invoices: { customer: { id: string } }[] };
    expect(body.invoices.map((row) => row.customer.id)).toEqual([world.customers.resellerA.customer.id]);
    const foreign = await invoiceOf(world.customers.resellerB.customer.id);
    const params = { params: Promise.resolve({ invoiceId: foreign }) };
    expect((await getRoute(new Request(`http://portal.test/api/invoices/${foreign}`, { headers }), params)).status).toBe(404);
    expect((await pdfRoute(new Request(`http://portal.test/api/invoices/${foreign}/pdf`, { headers }), params)).status).toBe(404);
    const own = await invoiceOf(world.customers.resellerA.customer.id);
    const pdf = await pdfRoute(new Request(`http://portal.test/api/invoices/${own}/pdf`, { headers }), { params: Promise.resolve({ invoiceId: own }) });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    expect((await listRoute(new Request("http://portal.test/api/invoices", { headers: { authorization: "Bearer sc_not_a_token" } }))).status).toBe(401);
  });

  it("a reseller's customer reader sees its own customer's invoice only, never a sibling's nor the reseller's other customers'", async () => {
    const { scope } = await makeCustomerReader(database.prisma, world, "resellerA");
    expect((await listInvoices(scope)).map((row) => row.customer.id)).toEqual([world.customers.resellerA.customer.id]);
    for (const customer of [world.customers.resellerB, world.customers.distributor, world.customers.direct]) {
      const id = await invoiceOf(customer.customer.id);
      await expect(getInvoice(scope, id)).rejects.toMatchObject({ code: "NotFound" });
      await expect(getInvoicePdf(scope, id)).rejects.toMatchObject({ code: "NotFound" });
    }
  });
});
