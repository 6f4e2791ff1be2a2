// Tenant isolation, rule by rule, at the data layer: for each partner kind and role, every data
// function given another partner's ids returns not-found/forbidden and changes nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { PARTNER_ROLES, type World } from "./support/world";
import { listCustomers } from "../lib/customers/list-customers";
import { getCustomer } from "../lib/customers/get-customer";
import { createCustomer } from "../lib/customers/create-customer";
import { updateCustomer } from "../lib/customers/update-customer";
import { addCspSubscription } from "../lib/customers/add-csp-subscription";
import { listPartners } from "../lib/partners/list-partners";
import { getDashboardSummary } from "../lib/dashboard/get-dashboard-summary";
import type { PartnerScope } from "../lib/auth/partner-scope";
import type { Database } from "../lib/database/open-database";
import { withTestWorld } from "./support/with-test-world";
import { makeCustomerReader } from "./support/customer-reader-fixtures";
import { getCustomerStatement } from "../lib/chargeback/get-customer-statement";

let database: Database;
let world: World;

withTestWorld((context) => ({ database, world } = context));

type PartnerKey = keyof World["partners"];
// For each viewer, the customers it must never reach.
const FOREIGN: Record<string, PartnerKey[]> = {
  direct: ["otherDirect", "distributor", "resellerA", "resellerB"],
  distributor: ["direct", "otherDirect"],
  resellerA: ["resellerB", "distributor", "direct", "otherDirect"],
  resellerB: ["resellerA", "distributor", "direct", "otherDirect"],
};

async function expectNothingChanged<T>(run: () => Promise<T>, code: RegExp) {
  const before = await snapshot();
  await expect(run()).rejects.toMatchObject({ code: expect.stringMatching(code) });
  expect(await snapshot()).toEqual(before);
}

async function snapshot() {
  const [customers, subscriptions, audit] = await Promise.all([
    database.prisma.customer.findMany({ orderBy: { id: "asc" }, select: { id: true, companyName: true, country: true, partnerId: true } }),
    database.prisma.azureSubscription.count(),
    database.prisma.auditEvent.count(),
  ]);
  return { customers, subscriptions, audit };
}

describe.each(Object.keys(FOREIGN))("viewer %s", (viewer) => {
  describe.each(PARTNER_ROLES)("role %s", (role) => {
    let scope: PartnerScope;
    beforeAll(async () => {
      scope = await world.scope(viewer as PartnerKey, role);
    });

    it.each(FOREIGN[viewer])("cannot read %s's customer by id or list it", async (owner) => {
      const { customer } = world.customers[owner];
      await expect(getCustomer(scope, customer.id)).rejects.toMatchObject({ code: "NotFound" });
      const listed = await listCustomers(scope, { q: customer.domain });
      expect(listed.rows).toHaveLength(0);
      const byReseller = await listCustomers(scope, { reseller: world.partners[owner].id });
      expect(byReseller.rows.some((row) => row.id === customer.id)).toBe(false);
    });

    it.each(FOREIGN[viewer])("cannot change %s's customer or add subscriptions to it", async (owner) => {
      const { customer } = world.customers[owner];
      const denied = role === "BILLING_ADMIN" ? /^Forbidden$/ : /^(NotFound|Forbidden)$/;
      await expectNothingChanged(() => updateCustomer(scope, { customerId: customer.id, companyName: "Hijacked", country: "US" }), denied);
      await expectNothingChanged(() => addCspSubscription(scope, { customerId: customer.id, displayName: "Hijack" }), denied);
    });

    it.each(FOREIGN[viewer])("cannot create a customer owned by %s", async (owner) => {
      const companyName = `Planted by ${viewer} ${role} for ${owner}`;
      const input = {
        companyName,
        domain: `planted-${viewer}-${role}-${owner}.onmicrosoft.com`.toLowerCase().replace(/_/g, "-"),
        country: "US",
        ownerPartnerId: world.partners[owner].id,
      };
      const attempt = createCustomer(scope, input);
      if (role === "BILLING_ADMIN" || viewer === "distributor") {
        // No write permission, or a distributor naming a partner that isn't its reseller: refused.
        await expect(attempt).rejects.toMatchObject({ code: expect.stringMatching(/^(Forbidden|ValidationFailed)$/) });
      } else {
        // Everyone else owns what they create: the requested owner is ignored, never honoured.
        await expect(attempt).resolves.toMatchObject({ partnerId: scope.partnerId });
      }
      const planted = await database.prisma.customer.findFirst({ where: { companyName, partnerId: world.partners[owner].id } });
      expect(planted).toBeNull();
    });

    it("the dashboard counts only the viewer's rows", async () => {
      const summary = await getDashboardSummary(scope);
      const visible = await database.prisma.customer.count({ where: { partnerId: { in: scope.visiblePartnerIds ?? [] } } });
      expect(summary.customers).toBe(visible);
      expect(summary.partners).toBeNull();
    });

    it("cannot open the operators' partner directory", async () => {
      await expect(listPartners(scope)).rejects.toMatchObject({ code: "Forbidden" });
    });
  });
});

describe.each(Object.keys(FOREIGN))("a customer reader of %s's customer", (viewer) => {
  let scope: PartnerScope;
  beforeAll(async () => {
    scope = (await makeCustomerReader(database.prisma, world, viewer as PartnerKey)).scope;
  });

  it("reads, lists, changes and creates no customer, its own included; nothing changes", async () => {
    for (const owner of [viewer as PartnerKey, ...FOREIGN[viewer]]) {
      const { customer } = world.customers[owner];
      await expect(getCustomer(scope, customer.id)).rejects.toMatchObject({ code: "Forbidden" });
      await expectNothingChanged(() => updateCustomer(scope, { customerId: customer.id, companyName: "Hijacked", country: "US" }), /^Forbidden$/);
      await expectNothingChanged(() => addCspSubscription(scope, { customerId: customer.id, displayName: "Hijack" }), /^Forbidden$/);
      await expectNothingChanged(
        () => createCustomer(scope, { companyName: "Planted", domain: `planted-reader-${viewer}-${owner}.onmicrosoft.com`.toLowerCase(), country: "US" }),
        /^Forbidden$/,
      );
    }
    await expect(listCustomers(scope, {})).rejects.toMatchObject({ code: "Forbidden" });
    await expect(listPartners(scope)).rejects.toMatchObject({ code: "Forbidden" });
  });

  it.each(FOREIGN[viewer])("reaches no statement of %s's customer", async (owner) => {
    await expect(getCustomerStatement(scope, world.customers[owner].customer.id, "2026-10")).rejects.toMatchObject({ code: "NotFound" });
  });

  it("the dashboard's summary counts its own customer only", async () => {
    const summary = await getDashboardSummary(scope);
    expect(summary.customers).toBe(1);
    expect(summary.partners).toBeNull();
  });
});

describe("roles", () => {
  it("a billing admin can read customers but not write them", async () => {
    const scope = await world.scope("direct", "BILLING_ADMIN");
    await expect(getCustomer(scope, world.customers.direct.customer.id)).resolves.toBeTruthy();
    await expect(updateCustomer(scope, { customerId: world.customers.direct.customer.id, companyName: "X", country: "US" })).rejects.toMatchObject({
      code: "Forbidden",
    });
  });

  it("operators read the platform but create no partner's customers", async () => {
    const scope = await world.operatorScope();
    expect((await listPartners(scope)).length).toBeGreaterThanOrEqual(5);
    await expect(getCustomer(scope, world.customers.direct.customer.id)).resolves.toBeTruthy();
    await expect(createCustomer(scope, { companyName: "Op", domain: "op.onmicrosoft.com", country: "US" })).rejects.toMatchObject({ code: "Forbidden" });
  });
});
