// Cost analysis is scoped like the recon file: another partner's customer (or a reseller's sibling's
// customer) is NotFound, and partner-wide sums hold only the caller's visible subscriptions.
import { beforeAll, describe, expect, it } from "vitest";
import { withTestWorld } from "./support/with-test-world";
import { makeRegistration } from "./support/registration-fixtures";
import { makeApssSubscription } from "./support/factories";
import { insertRatedLines } from "./support/recon-fixtures";
import type { World } from "./support/world";
import type { Database } from "../lib/database/open-database";
import { getCostAnalysis } from "../lib/cost-analysis/get-cost-analysis";
import { getAccumulatedCost } from "../lib/cost-analysis/get-accumulated-cost";
import { getQuantityAnalysis } from "../lib/cost-analysis/get-quantity-analysis";
import { listCostMovers } from "../lib/cost-analysis/list-cost-movers";
import { defaultCostAnalysisQuery } from "../lib/cost-analysis/cost-analysis-query";
import { makeCustomerReader } from "./support/customer-reader-fixtures";
import { getPortalCharges } from "../lib/customer-portal/get-portal-charges";

let database: Database;
let world: World;
withTestWorld((context) => ({ database, world } = context));

const query = { ...defaultCostAnalysisQuery(new Date("2026-11-15T00:00:00Z")), groupBy: "customer" as const };

beforeAll(async () => {
  for (const key of ["direct", "otherDirect", "resellerA", "resellerB"] as const) {
    const owner = key.startsWith("reseller") ? world.partners.distributor.id : world.partners[key].id;
    const registration = await makeRegistration(database.prisma, { partnerId: owner, subscriptionId: (await makeApssSubscription(database.prisma, owner)).id });
    await insertRatedLines(database.sql, {
      registrationId: registration.id,
      subscriptionId: world.customers[key].subscription.id,
      count: 20,
      firstDay: "2026-11-01",
    });
  }
});

describe("cost analysis isolation", () => {
  it("another partner's customer is NotFound, by every cost analysis function", async () => {
    const scope = await world.scope("direct", "BILLING_ADMIN");
    const foreign = { customerId: world.customers.otherDirect.customer.id };
    await expect(getCostAnalysis(scope, foreign, query)).rejects.toMatchObject({ code: "NotFound" });
    await expect(getAccumulatedCost(scope, foreign, query, "USD")).rejects.toMatchObject({ code: "NotFound" });
    await expect(getQuantityAnalysis(scope, foreign, query)).rejects.toMatchObject({ code: "NotFound" });
  });

  it("a reseller never reaches its sibling's customer, and sees only its own partner-wide", async () => {
    const scope = await world.scope("resellerA", "ADMIN_AGENT");
    await expect(getCostAnalysis(scope, { customerId: world.customers.resellerB.customer.id }, query)).rejects.toMatchObject({ code: "NotFound" });
    const own = await getCostAnalysis(scope, {}, query);
    expect(own.series.map((series) => series.key)).toEqual([world.customers.resellerA.customer.id]);
    const movers = await listCostMovers(scope, "2026-11");
    expect(movers.customers.map((mover) => mover.key)).toEqual([world.customers.resellerA.customer.id]);
  });

  it("a customer reader reads no cost analysis (Microsoft's cost), only its own charges at the partner's prices", async () => {
    const { scope } = await makeCustomerReader(database.prisma, world, "resellerA");
    await expect(getCostAnalysis(scope, { customerId: world.customers.resellerA.customer.id }, query)).rejects.toMatchObject({ code: "Forbidden" });
    await expect(getCostAnalysis(scope, {}, query)).rejects.toMatchObject({ code: "Forbidden" });
    await expect(getAccumulatedCost(scope, { customerId: world.customers.resellerB.customer.id }, query, "USD")).rejects.toMatchObject({ code: "Forbidden" });
    await expect(listCostMovers(scope, "2026-11")).rejects.toMatchObject({ code: "Forbidden" });
    const charges = await getPortalCharges(scope, "2026-11", new Date("2026-11-30T00:00:00Z"));
    expect(charges.customer.id).toBe(world.customers.resellerA.customer.id);
    expect(JSON.stringify(charges)).not.toContain(world.customers.resellerB.customer.id);
  });

  it("a distributor sees both resellers' customers, grouped by reseller", async () => {
    const scope = await world.scope("distributor", "BILLING_ADMIN");
    const byReseller = await getCostAnalysis(scope, {}, { ...query, groupBy: "reseller" });
    expect(byReseller.series.map((series) => series.key).sort()).toEqual([world.partners.resellerA.id, world.partners.resellerB.id].sort());
  });
});
