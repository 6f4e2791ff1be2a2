// A customer reader (docs/customer-portal.md) sees only its customer: its statements, invoices and
// usage CSV at the partner's prices, never Microsoft's cost or the margin, never a sibling customer,
// and every partner page, action and API answers it 404. The role and the customer go together
// (code and a CHECK constraint); a token never carries the role.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { testSession } from "./support/mock-session";
import { withTestWorld } from "./support/with-test-world";
import type { World } from "./support/world";
import type { Database } from "../lib/database/open-database";
import { closeInvoiceWorld, INVOICE_PERIOD } from "./support/invoice-fixtures";
import { makeCustomerReader } from "./support/customer-reader-fixtures";
import { makeCustomer, makeUser } from "./support/factories";
import { makeApiToken } from "./support/registration-fixtures";
import type { PartnerScope } from "../lib/auth/partner-scope";
import { resolvePartnerScope } from "../lib/auth/partner-scope";
import { authenticateApiToken } from "../lib/api-tokens/resolve-api-token-scope";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("../lib/auth/get-scope", async () => (await import("./support/mock-session")).mockGetScopeModule());

const { getPortalCharges } = await import("../lib/customer-portal/get-portal-charges");
const { portalUsageCsvResponse } = await import("../lib/customer-portal/portal-usage-csv-response");
const { portalInvoicePdfResponse } = await import("../lib/customer-portal/portal-invoice-pdf-response");
const { getCustomerStatement } = await import("../lib/chargeback/get-customer-statement");
const { listInvoices } = await import("../lib/invoices/list-invoices");
const { getInvoice } = await import("../lib/invoices/get-invoice");
const { getCustomer } = await import("../lib/customers/get-customer");
const { listCustomers } = await import("../lib/customers/list-customers");
const { getMarginReport } = await import("../lib/chargeback/get-margin-report");
const { createApiToken } = await import("../lib/api-tokens/create-api-token");
const { listPartnerUsers } = await import("../lib/users/list-partner-users");
const { createCustomerAction } = await import("../lib/customers/actions");
const { inviteUserAction, inviteCustomerReaderAction } = await import("../lib/users/actions");
const { GET: statementRoute } = await import("../app/api/statements/[customerId]/route");
const { GET: invoiceRoute } = await import("../app/api/invoices/[invoiceId]/route");
const { GET: invoiceListRoute } = await import("../app/api/invoices/route");
const { GET: costAnalysisRoute } = await import("../app/api/cost-analysis/route");
const { GET: customersExportRoute } = await import("../app/api/customers/export/route");
const { GET: myUsageRoute } = await import("../app/api/my/usage/route");
const { GET: myInvoicePdfRoute } = await import("../app/api/my/invoices/[invoiceId]/pdf/route");

let database: Database;
let world: World;
let direct: PartnerScope;
let resellerA: PartnerScope;

withTestWorld(async (context) => {
  ({ database, world } = context);
  await closeInvoiceWorld(database, world);
  direct = (await makeCustomerReader(database.prisma, world, "direct")).scope;
  resellerA = (await makeCustomerReader(database.prisma, world, "resellerA")).scope;
});
beforeEach(() => {
  testSession.scope = null;
});

const invoiceOf = (customerId: string) => database.prisma.invoice.findFirstOrThrow({ where: { customerId }, select: { id: true, total: true } });
const get = (path: string) => new Request(`http://portal.test${path}`);

describe("the customer reader's scope", () => {
  it("carries its customer, sees only its partner and manages nothing", () => {
    expect(direct).toMatchObject({
      role: "CUSTOMER_READER",
      customerId: world.customers.direct.customer.id,
      partnerId: world.partners.direct.id,
      visiblePartnerIds: [world.partners.direct.id],
      manageablePartnerIds: [],
      resellers: [],
    });
    expect(resellerA.visiblePartnerIds).toEqual([world.partners.resellerA.id]);
  });

  it("ends when the customer is no longer its partner's", async () => {
    const customer = await makeCustomer(database.prisma, { partnerId: world.partners.resellerA.id });
    const reader = await makeUser(database.prisma, { role: "CUSTOMER_READER", partnerId: world.partners.resellerA.id, customerId: customer.id });
    await database.prisma.customer.update({ where: { id: customer.id }, data: { partnerId: world.partners.resellerB.id } });
    expect(await resolvePartnerScope(database.prisma, { userId: reader.id })).toBeNull();
  });

  it("the database refuses a customer reader without a customer and a partner user with one", async () => {
    await expect(makeUser(database.prisma, { role: "CUSTOMER_READER", partnerId: world.partners.direct.id })).rejects.toThrow();
    await expect(
      makeUser(database.prisma, { role: "BILLING_ADMIN", partnerId: world.partners.direct.id, customerId: world.customers.direct.customer.id }),
    ).rejects.toThrow();
  });
});

describe("what a customer reader sees", () => {
  it("charges at the partner's prices (the statement's), never Microsoft's cost", async () => {
    const charges = await getPortalCharges(direct, INVOICE_PERIOD, new Date("2026-11-20T00:00:00Z"));
    // 1000 × 0.008 = 8.00 at Microsoft's price; the partner's default card adds 20 %.
    expect(charges.total).toBe("9.60");
    expect(charges.months.at(-1)).toEqual({ period: INVOICE_PERIOD, total: "9.60" });
    expect(charges.days.find((day) => day.day === "2026-10-15")?.amount).toBe("9.60");
    expect(JSON.stringify(charges)).not.toMatch(/microsoftCost|margin/i);
  });

  it("its statement without cost or margin, even when its partner is the billing partner", async () => {
    const statement = await getCustomerStatement(direct, world.customers.direct.customer.id, INVOICE_PERIOD);
    expect(statement.showsCost).toBe(false);
    expect(statement.total.toFixed(2)).toBe("9.60");
    expect(JSON.stringify(statement)).not.toMatch(/microsoftCost|"margin"/);
  });

  it("no other customer's statement, its partner's included", async () => {
    const sibling = await makeCustomer(database.prisma, { partnerId: world.partners.direct.id });
    for (const customerId of [sibling.id, world.customers.otherDirect.customer.id, world.customers.resellerA.customer.id]) {
      await expect(getCustomerStatement(direct, customerId, INVOICE_PERIOD)).rejects.toMatchObject({ code: "NotFound" });
    }
  });

  it("its own invoices only, without Microsoft's cost", async () => {
    const own = await invoiceOf(world.customers.resellerA.customer.id);
    const rows = await listInvoices(resellerA);
    expect(rows.map((row) => row.id)).toEqual([own.id]);
    expect(rows[0].microsoftCost).toBeUndefined();
    const view = await getInvoice(direct, (await invoiceOf(world.customers.direct.customer.id)).id);
    expect(view.microsoftCost).toBeUndefined();
    for (const foreign of ["resellerB", "distributor", "direct"] as const) {
      await expect(getInvoice(resellerA, (await invoiceOf(world.customers[foreign].customer.id)).id)).rejects.toMatchObject({ code: "NotFound" });
    }
  });

  it("the usage CSV at the partner's prices, without cost columns", async () => {
    const response = await portalUsageCsvResponse(get(`/api/my/usage?period=${INVOICE_PERIOD}`), async () => direct);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain("9.60");
    expect(text).not.toMatch(/MicrosoftCost|Margin/);
    const bad = await portalUsageCsvResponse(get("/api/my/usage?period=2026-13"), async () => direct);
    expect(bad.status).toBe(400);
  });

  it("its invoice PDFs, and 404 for any other customer's", async () => {
    const own = await portalInvoicePdfResponse((await invoiceOf(world.customers.resellerA.customer.id)).id, async () => resellerA);
    expect(own.status).toBe(200);
    const foreign = await portalInvoicePdfResponse((await invoiceOf(world.customers.resellerB.customer.id)).id, async () => resellerA);
    expect(foreign.status).toBe(404);
  });
});

describe("the partner's side is closed to a customer reader", () => {
  it("partner data functions refuse it", async () => {
    const customerId = world.customers.direct.customer.id;
    await expect(getCustomer(direct, customerId)).rejects.toMatchObject({ code: "Forbidden" });
    await expect(listCustomers(direct, {})).rejects.toMatchObject({ code: "Forbidden" });
    await expect(getMarginReport(direct, INVOICE_PERIOD)).rejects.toMatchObject({ status: 403 });
    await expect(createApiToken(direct, { name: "mine" })).rejects.toMatchObject({ code: "Forbidden" });
    await expect(listPartnerUsers(direct, world.partners.direct.id)).rejects.toMatchObject({ code: "Forbidden" });
  });

  it("partner APIs answer 404, even for its own customer and invoice", async () => {
    testSession.scope = direct;
    const customerId = world.customers.direct.customer.id;
    const invoiceId = (await invoiceOf(customerId)).id;
    const responses = [
      await statementRoute(get(`/api/statements/${customerId}?period=${INVOICE_PERIOD}`), { params: Promise.resolve({ customerId }) }),
      await invoiceRoute(get(`/api/invoices/${invoiceId}`), { params: Promise.resolve({ invoiceId }) }),
      await invoiceListRoute(get("/api/invoices")),
      await costAnalysisRoute(get(`/api/cost-analysis?customerId=${customerId}`)),
      await customersExportRoute(get("/api/customers/export")),
    ];
    expect(responses.map((response) => response.status)).toEqual([404, 404, 404, 404, 404]);
  });

  it("partner server actions answer NotFound and change nothing", async () => {
    testSession.scope = direct;
    const before = await database.prisma.auditEvent.count();
    const created = await createCustomerAction({ companyName: "Planted", domain: "planted-reader.onmicrosoft.com", country: "US" });
    expect(created).toMatchObject({ ok: false, error: { code: "NotFound" } });
    const invited = await inviteUserAction({ partnerId: world.partners.direct.id, email: "x@reader.example", displayName: "X", role: "ADMIN_AGENT" });
    expect(invited).toMatchObject({ ok: false, error: { code: "NotFound" } });
    const reader = await inviteCustomerReaderAction({ customerId: world.customers.direct.customer.id, email: "y@reader.example", displayName: "Y" });
    expect(reader).toMatchObject({ ok: false, error: { code: "NotFound" } });
    expect(await database.prisma.auditEvent.count()).toBe(before);
  });

  it("the customer portal's routes answer 404 to partner users, and serve the reader", async () => {
    testSession.scope = await world.scope("direct", "ADMIN_AGENT");
    const invoiceId = (await invoiceOf(world.customers.direct.customer.id)).id;
    expect((await myUsageRoute(get(`/api/my/usage?period=${INVOICE_PERIOD}`))).status).toBe(404);
    expect((await myInvoicePdfRoute(get(`/api/my/invoices/${invoiceId}/pdf`), { params: Promise.resolve({ invoiceId }) })).status).toBe(404);
    testSession.scope = direct;
    expect((await myUsageRoute(get(`/api/my/usage?period=${INVOICE_PERIOD}`))).status).toBe(200);
    expect((await myInvoicePdfRoute(get(`/api/my/invoices/${invoiceId}/pdf`), { params: Promise.resolve({ invoiceId }) })).status).toBe(200);
  });

  it("a token never acts as a customer reader", async () => {
    const { userId } = await makeCustomerReader(database.prisma, world, "otherDirect");
    const { token } = await makeApiToken(database.prisma, { partnerId: world.partners.otherDirect.id, createdByUserId: userId });
    expect(await authenticateApiToken(`Bearer ${token}`)).toBeNull();
  });
});

describe("inviting a customer reader", () => {
  beforeAll(() => {
    testSession.scope = null;
  });

  it("an admin agent invites a user of its own customer, audited; accepting makes a reader of that customer", async () => {
    testSession.scope = await world.scope("direct", "ADMIN_AGENT");
    const customerId = world.customers.direct.customer.id;
    const result = await inviteCustomerReaderAction({ customerId, email: "ap@direct-customer.example", displayName: "Accounts Payable" });
    expect(result).toMatchObject({ ok: true, data: { role: "CUSTOMER_READER", customerId, partnerId: world.partners.direct.id } });
    const audit = await database.prisma.auditEvent.findFirstOrThrow({
      where: { action: "invitation.create", targetType: "UserInvitation" },
      orderBy: { createdAt: "desc" },
    });
    expect(audit.after).toMatchObject({ role: "CUSTOMER_READER", customerId });
    if (!result.ok) throw new Error("invite failed");
    const { acceptInvitation } = await import("../lib/users/accept-invitation");
    const token = result.data.invitePath.split("/").at(-1) ?? "";
    const accepted = await acceptInvitation({ token, displayName: "AP", password: "A-long-passw0rd!", confirmPassword: "A-long-passw0rd!" });
    const scope = await resolvePartnerScope(database.prisma, { userId: accepted.userId });
    expect(scope).toMatchObject({ role: "CUSTOMER_READER", customerId });
  });

  it("a reseller invites for its own customers only; another partner's customer is NotFound", async () => {
    testSession.scope = await world.scope("resellerA", "ADMIN_AGENT");
    for (const foreign of ["resellerB", "distributor", "direct"] as const) {
      const result = await inviteCustomerReaderAction({ customerId: world.customers[foreign].customer.id, email: `r-${foreign}@x.example`, displayName: "R" });
      expect(result).toMatchObject({ ok: false, error: { code: "NotFound" } });
    }
    const own = await inviteCustomerReaderAction({ customerId: world.customers.resellerA.customer.id, email: "own-a@x.example", displayName: "A" });
    expect(own).toMatchObject({ ok: true, data: { partnerId: world.partners.resellerA.id } });
  });

  it("a distributor invites for its resellers' customers (it manages them), never another partner's; billing admins don't invite", async () => {
    testSession.scope = await world.scope("distributor", "ADMIN_AGENT");
    const ofReseller = await inviteCustomerReaderAction({ customerId: world.customers.resellerB.customer.id, email: "b@x.example", displayName: "B" });
    expect(ofReseller).toMatchObject({ ok: true, data: { partnerId: world.partners.resellerB.id } });
    const foreign = await inviteCustomerReaderAction({ customerId: world.customers.direct.customer.id, email: "d@x.example", displayName: "D" });
    expect(foreign).toMatchObject({ ok: false, error: { code: "NotFound" } });
    testSession.scope = await world.scope("distributor", "BILLING_ADMIN");
    const billing = await inviteCustomerReaderAction({ customerId: world.customers.distributor.customer.id, email: "e@x.example", displayName: "E" });
    expect(billing).toMatchObject({ ok: false, error: { code: "Forbidden" } });
  });

  it("a customer reader's role can't be changed into a partner role", async () => {
    const { changeUserRole } = await import("../lib/users/change-user-role");
    const { userId } = await makeCustomerReader(database.prisma, world, "direct");
    await expect(changeUserRole(await world.scope("direct", "ADMIN_AGENT"), userId, "ADMIN_AGENT")).rejects.toMatchObject({ code: "CustomerReaderRoleFixed" });
  });
});
