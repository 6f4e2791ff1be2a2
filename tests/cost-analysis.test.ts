// Cost analysis figures against hand-computed ones: six rated lines of one customer (four in
// November 2026, two in October), each line's pre-tax total rounded down to the cent as in the
// recon file:
//   Nov 1  VM    vm1 (RG-A)  10 × 0.046    = 0.46
//   Nov 1  Blob  sa1 (rg-a) 100 × 0.0123   = 1.23
//   Nov 2  VM    vm1 (RG-A)  24 × 0.046    = 1.104 → 1.10
//   Nov 3  VM    vm2 (rg-b) 7.5 × 0.046    = 0.345 → 0.34      November: 3.13
//   Oct 5  VM    vm1 (RG-A)  50 × 0.046    = 2.30
//   Oct 31 Blob  sa1 (rg-a)  10 × 0.0123   = 0.123 → 0.12      October:  2.42
import { beforeAll, describe, expect, it } from "vitest";
import { withTestWorld } from "./support/with-test-world";
import { makeRegistration } from "./support/registration-fixtures";
import { makeApssSubscription } from "./support/factories";
import { RECON_METERS, LOCAL_BASE_VM } from "./support/recon-fixtures";
import type { World } from "./support/world";
import type { Database } from "../lib/database/open-database";
import { getCostAnalysis } from "../lib/cost-analysis/get-cost-analysis";
import { getAccumulatedCost } from "../lib/cost-analysis/get-accumulated-cost";
import { costAnalysisCsv } from "../lib/cost-analysis/cost-analysis-csv";
import { defaultCostAnalysisQuery, parseCostAnalysisSearch, costAnalysisSearch, type CostAnalysisQuery } from "../lib/cost-analysis/cost-analysis-query";
import { listCostMovers } from "../lib/cost-analysis/list-cost-movers";

let database: Database;
let world: World;
withTestWorld((context) => ({ database, world } = context));

const RG_A_VM = "/subscriptions/x/resourceGroups/RG-A/providers/Microsoft.Compute/virtualMachines/vm1";
const RG_A_SA = "/subscriptions/x/resourceGroups/rg-a/providers/Microsoft.Storage/storageAccounts/sa1";
const RG_B_VM = "/subscriptions/x/resourceGroups/rg-b/providers/Microsoft.Compute/virtualMachines/vm2";
const LINES: [string, string, string, string, string][] = [
  ["2026-11-01", RECON_METERS.vm, RG_A_VM, "10", "0.046"],
  ["2026-11-01", RECON_METERS.blockBlob, RG_A_SA, "100", "0.0123"],
  ["2026-11-02", RECON_METERS.vm, RG_A_VM, "24", "0.046"],
  ["2026-11-03", RECON_METERS.vm, RG_B_VM, "7.5", "0.046"],
  ["2026-10-05", RECON_METERS.vm, RG_A_VM, "50", "0.046"],
  ["2026-10-31", RECON_METERS.blockBlob, RG_A_SA, "10", "0.0123"],
];
const november: CostAnalysisQuery = { ...defaultCostAnalysisQuery(new Date("2026-11-03T12:00:00Z")), from: "2026-11", to: "2026-11" };

beforeAll(async () => {
  const partnerId = world.partners.direct.id;
  const registration = await makeRegistration(database.prisma, { partnerId, subscriptionId: (await makeApssSubscription(database.prisma, partnerId)).id });
  const subscription = world.customers.direct.subscription.id;
  for (const [day, meter, resource, quantity, price] of LINES) {
    await database.sql.query(
      `INSERT INTO "RatedUsageLine" ("registrationId","azureSubscriptionId","commerceMeterId","resourceUri","usageDate","eventDate","localMeterId",
         "localSubscriptionId","unregisteredTenant","location","quantity","market","currency","unitPrice","pretaxAmount")
       VALUES ($1, $2::uuid, $3::uuid, $4, $5::date, $5::date, $6::uuid, 'local-1', false, 'local', $7::numeric, 'US', 'USD', $8::numeric, $7::numeric * $8::numeric)`,
      [registration.id, subscription, meter, resource, day, LOCAL_BASE_VM, quantity, price],
    );
  }
});

const customer = () => ({ customerId: world.customers.direct.customer.id });
const scope = () => world.scope("direct", "BILLING_ADMIN");

describe("getCostAnalysis", () => {
  it("groups a month by commerce meter, by id, with daily buckets and totals to the cent", async () => {
    const analysis = await getCostAnalysis(await scope(), customer(), november);
    expect(analysis.currency).toBe("USD");
    expect(analysis.buckets).toHaveLength(30);
    expect(analysis.total).toBe("3.13");
    expect(analysis.seriesTotals).toEqual({ [RECON_METERS.vm]: "1.90", [RECON_METERS.blockBlob]: "1.23" });
    expect(analysis.series.map((series) => series.key)).toEqual([RECON_METERS.vm, RECON_METERS.blockBlob]);
    expect(analysis.bucketTotals.slice(0, 4)).toEqual(["1.69", "1.10", "0.34", "0.00"]);
    expect(analysis.values[0]).toEqual({ [RECON_METERS.vm]: "0.46", [RECON_METERS.blockBlob]: "1.23" });
  });

  it("groups by resource group case-insensitively and filters by one", async () => {
    const byGroup = await getCostAnalysis(await scope(), customer(), { ...november, groupBy: "resourceGroup" });
    expect(byGroup.seriesTotals).toEqual({ "rg-a": "2.79", "rg-b": "0.34" });
    const filtered = await getCostAnalysis(await scope(), customer(), { ...november, groupBy: "resource", filters: { resourceGroup: "rg-a" } });
    expect(filtered.total).toBe("2.79");
    expect(filtered.seriesTotals).toEqual({ [RG_A_SA]: "1.23", [RG_A_VM]: "1.56" });
    expect(filtered.series.find((series) => series.key === RG_A_VM)).toMatchObject({ label: "vm1", title: RG_A_VM });
  });

  it("compares with the previous period and the same period a year before", async () => {
    const previous = await getCostAnalysis(await scope(), customer(), { ...november, compare: "previous" });
    expect(previous.compare).toMatchObject({ from: "2026-10", to: "2026-10", total: "2.42", delta: "0.71", deltaPercent: "29.3" });
    expect(previous.compare?.bucketTotals[4]).toBe("2.30");
    expect(previous.compare?.bucketTotals[30]).toBe("0.12");
    const year = await getCostAnalysis(await scope(), customer(), { ...november, compare: "year" });
    expect(year.compare).toMatchObject({ from: "2025-11", total: "0.00", delta: "3.13", deltaPercent: null });
  });

  it("monthly buckets over two months", async () => {
    const monthly = await getCostAnalysis(await scope(), customer(), { ...november, from: "2026-10", granularity: "monthly" });
    expect(monthly.buckets).toEqual(["2026-10", "2026-11"]);
    expect(monthly.bucketTotals).toEqual(["2.42", "3.13"]);
  });

  it("exports exactly the table's numbers", async () => {
    const csv = costAnalysisCsv(
      await getCostAnalysis(await scope(), customer(), { ...november, from: "2026-10", granularity: "monthly", groupBy: "resourceGroup" }),
    );
    expect(csv.trim().split("\n")).toEqual(["Month,rg-a,rg-b,Total (USD)", "2026-10,2.42,0.00,2.42", "2026-11,2.79,0.34,3.13", "Total,5.21,0.34,5.55"]);
  });
});

describe("getAccumulatedCost", () => {
  it("accumulates the open month to today and forecasts month end (3.13 / 3 days × 30)", async () => {
    const now = new Date("2026-11-03T12:00:00Z");
    const accumulated = await getAccumulatedCost(await scope(), customer(), { to: "2026-11", filters: {} }, "USD", now);
    expect(accumulated.cost.actual.slice(0, 4)).toEqual(["1.69", "2.79", "3.13", null]);
    expect(accumulated.cost.toDate).toBe("3.13");
    expect(accumulated.cost.forecastTotal).toBe("31.30");
    // From today (3.13) to the 30th (31.30) in 27 equal steps: day 4 = 3.13 + 28.17 / 27.
    expect(accumulated.cost.forecast.slice(0, 4)).toEqual([null, null, "3.13", "4.17"]);
    expect(accumulated.cost.forecast[29]).toBe("31.30");
  });

  it("adds the charges at the partner's prices and the budget for one customer", async () => {
    await database.prisma.customerBudget.create({ data: { customerId: world.customers.direct.customer.id, monthlyAmount: "40", currency: "USD" } });
    const accumulated = await getAccumulatedCost(await scope(), customer(), { to: "2026-11", filters: {} }, "USD", new Date("2026-11-03T12:00:00Z"));
    expect(accumulated.budget).toEqual({ amount: "40.00", currency: "USD" });
    // No rate card: the customer pays Microsoft's prices, summed unrounded by day (1.69, 1.104, 0.345)
    // and rounded once per statement line to date (VM 41.5 × 0.046 = 1.909 → 1.91, Blob 1.23).
    expect(accumulated.charges?.actual.slice(0, 3)).toEqual(["1.69", "2.79", "3.14"]);
    expect(accumulated.charges?.toDate).toBe("3.14");
  });

  it("a closed month has no forecast", async () => {
    const accumulated = await getAccumulatedCost(await scope(), customer(), { to: "2026-10", filters: {} }, "USD", new Date("2026-11-03T12:00:00Z"));
    expect(accumulated.cost.actual[30]).toBe("2.42");
    expect(accumulated.cost.forecastTotal).toBeNull();
  });
});

describe("partner-wide", () => {
  it("lists the top movers month over month", async () => {
    const movers = await listCostMovers(await scope(), "2026-11");
    expect(movers.customers).toEqual([expect.objectContaining({ key: world.customers.direct.customer.id, previous: "2.42", current: "3.13", delta: "0.71" })]);
    expect(movers.meters.map((mover) => [mover.key, mover.delta])).toEqual([
      [RECON_METERS.blockBlob, "1.11"],
      [RECON_METERS.vm, "-0.40"],
    ]);
  });

  it("groups by customer", async () => {
    const analysis = await getCostAnalysis(await scope(), {}, { ...november, groupBy: "customer" });
    expect(analysis.series).toEqual([expect.objectContaining({ key: world.customers.direct.customer.id, label: world.customers.direct.customer.companyName })]);
  });
});

describe("the URL state", () => {
  it("round-trips through the search string and refuses a range over 13 months", () => {
    const query: CostAnalysisQuery = { ...november, groupBy: "resource", compare: "previous", filters: { resourceGroup: "rg-a", meter: RECON_METERS.vm } };
    expect(parseCostAnalysisSearch(costAnalysisSearch(query))).toEqual(query);
    expect(() => parseCostAnalysisSearch(new URLSearchParams({ from: "2025-01", to: "2026-11" }))).toThrow(/at most 13 months/);
    expect(() => parseCostAnalysisSearch(new URLSearchParams({ groupBy: "tenant" }))).toThrow(/groupBy/);
  });
});
