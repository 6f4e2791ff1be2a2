// Rule: a reseller never sees another reseller (of the same distributor) nor its customers, usage,
// ownership history or audit events: by id, every lookup is "not found"; in lists and exports,
// no row of the other reseller appears. Checked for reseller A's admin agent and billing admin.
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "./support/test-database";
import { testSession } from "./support/mock-session";
import { makeWorld, type World } from "./support/world";
import { setDatabaseForTests } from "../lib/db";
import type { Database } from "../lib/database/open-database";
import type { PartnerScope } from "../lib/auth/partner-scope";
import { getCustomer } from "../lib/customers/get-customer";
import { listCustomers } from "../lib/customers/list-customers";
import { updateCustomer } from "../lib/customers/update-customer";
import { moveCustomer } from "../lib/customers/move-customer";
import { listOwnershipHistory } from "../lib/customers/list-ownership-history";
import { getPeriodTotals } from "../lib/billing/billing-overview";
import { currentPeriod } from "../lib/billing/billing-period";
import { listAuditEvents } from "../lib/audit/list-audit-events";
import { parseAuditQuery } from "../lib/audit/audit-query";
import { listPartners } from "../lib/partners/list-partners";
import { makeCustomerReader } from "./support/customer-reader-fixtures";

vi.mock("../lib/auth/get-scope", async () => (await import("./support/mock-session")).mockGetScopeModule());
const { GET: exportAudit } = await import("../app/api/audit/export/route");

let database: Database;
let world: World;
let bCustomerId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabaseForTests(database);
  world = await makeWorld(database.prisma);
  bCustomerId = world.customers.resellerB.customer.id;
  // Events on both sides: B edits its customer, A its own; the distributor moves one of A's to B.
  await updateCustomer(await world.scope("resellerB", "ADMIN_AGENT"), { customerId: bCustomerId, companyName: "B Secret Co", country: "US" });
  await updateCustomer(await world.scope("resellerA", "ADMIN_AGENT"), {
    customerId: world.customers.resellerA.customer.id,
    companyName: "A Own Co",
    country: "US",
  });
});
afterAll(() => database.close());

const viewers = ["ADMIN_AGENT", "BILLING_ADMIN"] as const;
const scopeOfA = (role: (typeof viewers)[number]): Promise<PartnerScope> => world.scope("resellerA", role);

describe.each(viewers)("reseller A's %s", (role) => {
  it("cannot open B's customer, its usage or its ownership history: not found", async () => {
    const scope = await scopeOfA(role);
    await expect(getCustomer(scope, bCustomerId)).rejects.toMatchObject({ code: "NotFound" });
    await expect(getPeriodTotals(scope, { period: currentPeriod(), customerId: bCustomerId })).rejects.toMatchObject({ code: "NotFound" });
    await expect(getPeriodTotals(scope, { period: currentPeriod(), resellerId: world.partners.resellerB.id })).rejects.toMatchObject({
      code: "NotFound",
    });
    await expect(listOwnershipHistory(scope, bCustomerId)).rejects.toMatchObject({ code: "NotFound" });
  });

  it("lists no customer of B", async () => {
    const page = await listCustomers(await scopeOfA(role), { reseller: world.partners.resellerB.id });
    expect(page.rows.map((row) => row.partner.id)).not.toContain(world.partners.resellerB.id);
  });

  it("sees no audit event of B, on the page or in the CSV, even filtered by B's ids", async () => {
    const scope = await scopeOfA(role);
    const filters: Record<string, string>[] = [{}, { target: bCustomerId }, { target: "Customer" }];
    for (const raw of filters) {
      const page = await listAuditEvents(scope, parseAuditQuery(raw));
      expect(page.rows.every((row) => row.partner?.id === world.partners.resellerA.id)).toBe(true);
      expect(JSON.stringify(page.rows)).not.toContain("B Secret Co");
      testSession.scope = scope;
      const csv = await (await exportAudit(new Request(`http://x/api/audit/export?${new URLSearchParams(raw)}`))).text();
      const [, ...records] = parse(csv) as string[][];
      expect(records).toHaveLength(page.rows.length);
      expect(csv).not.toContain(bCustomerId);
      expect(csv).not.toContain("B Secret Co");
      expect(csv).not.toContain(world.partners.resellerB.id);
    }
    const targeted = await listAuditEvents(scope, parseAuditQuery({ target: bCustomerId }));
    expect(targeted.total).toBe(0);
  });

  it("doesn't see B in the partner list", async () => {
    const partners = await listPartners(await scopeOfA(role)).catch((error: { code?: string }) => {
      expect(error.code).toMatch(/Forbidden|NotFound/);
      return [];
    });
    expect(partners.map((partner) => partner.id)).not.toContain(world.partners.resellerB.id);
  });
});

describe("reseller A's customer reader", () => {
  it("reaches nothing of reseller B (nor of its own reseller's books): customers, totals, history, audit, partners", async () => {
    const { scope } = await makeCustomerReader(database.prisma, world, "resellerA");
    await expect(getCustomer(scope, bCustomerId)).rejects.toMatchObject({ code: expect.stringMatching(/^(Forbidden|NotFound)$/) });
    await expect(listCustomers(scope, {})).rejects.toMatchObject({ code: "Forbidden" });
    await expect(getPeriodTotals(scope, { period: currentPeriod(), customerId: bCustomerId })).rejects.toMatchObject({
      code: expect.stringMatching(/^(Forbidden|NotFound)$/),
    });
    await expect(listOwnershipHistory(scope, bCustomerId)).rejects.toMatchObject({ code: expect.stringMatching(/^(Forbidden|NotFound)$/) });
    await expect(listAuditEvents(scope, parseAuditQuery({}))).rejects.toMatchObject({ code: "Forbidden" });
    await expect(listPartners(scope)).rejects.toMatchObject({ code: "Forbidden" });
    testSession.scope = scope;
    expect((await exportAudit(new Request("http://x/api/audit/export"))).status).toBe(404);
  });
});

describe("after the distributor moves a customer from A to B", () => {
  it("A loses it entirely, B sees its own period only, and neither sees the move event", async () => {
    const distributor = await world.scope("distributor", "ADMIN_AGENT");
    const moving = world.customers.resellerA.customer.id;
    await moveCustomer(distributor, { customerId: moving, toPartnerId: world.partners.resellerB.id });

    const a = await scopeOfA("ADMIN_AGENT");
    await expect(getCustomer(a, moving)).rejects.toMatchObject({ code: "NotFound" });
    await expect(moveCustomer(a, { customerId: moving, toPartnerId: world.partners.resellerA.id })).rejects.toMatchObject({
      code: "NotDistributor",
    });

    const b = await world.scope("resellerB", "ADMIN_AGENT");
    const history = await listOwnershipHistory(b, moving);
    expect(history.map((period) => period.partner?.name ?? null)).toEqual([null, world.partners.resellerB.name]);
    for (const scope of [a, b]) {
      const moves = await listAuditEvents(scope, parseAuditQuery({ action: "customer.move" }));
      expect(moves.total).toBe(0);
    }
    expect((await listAuditEvents(distributor, parseAuditQuery({ action: "customer.move" }))).total).toBe(1);
  });
});
