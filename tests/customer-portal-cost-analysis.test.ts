// The customer portal's cost analysis and daily usage CSV (docs/customer-portal.md): the reader's
// customer only, at the partner's prices (the statement engine), never Microsoft's cost; per day by
// meter or subscription with drill-down, the accumulated charges against the customer's budget, and
// `?grain=daily` rows per day, meter and unit price.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { parse } from "csv-parse/sync";
import { testSession } from "./support/mock-session";
import { withTestWorld } from "./support/with-test-world";
import type { World } from "./support/world";
import type { Database } from "../lib/database/open-database";
import type { PartnerScope } from "../lib/auth/partner-scope";
import { makeCustomerReader } from "./support/customer-reader-fixtures";
import { makeApssSubscription, makeCspSubscription, makeCustomer } from "./support/factories";
import { makeRegistration } from "./support/registration-fixtures";
import { METERS, insertRatedLine, makeRateCard } from "./support/chargeback-fixtures";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("../lib/auth/get-scope", async () => (await import("./support/mock-session")).mockGetScopeModule());

const { getPortalCharges } = await import("../lib/customer-portal/get-portal-charges");
const { getPortalDailyUsage } = await import("../lib/customer-portal/get-portal-daily-usage");
const { portalCostBreakdown } = await import("../lib/customer-portal/portal-cost-breakdown");
const { portalUsageCsvResponse } = await import("../lib/customer-portal/portal-usage-csv-response");

let world: World;
let reader: PartnerScope;
let siblingReader: PartnerScope;
let plan: string;
let dev: string;
const NOW = new Date("2026-11-20T00:00:00Z");
const get = (path: string) => new Request(`http://portal.test${path}`);

withTestWorld(async ({ database, world: made }: { database: Database; world: World }) => {
  world = made;
  const { prisma, sql } = database;
  const partnerId = world.partners.direct.id;
  const customerId = world.customers.direct.customer.id;
  plan = world.customers.direct.subscription.id;
  dev = (await makeCspSubscription(prisma, { customerId, rollsUpToPartnerId: partnerId, displayName: "Dev plan" })).id;
  const sibling = await makeCustomer(prisma, { partnerId });
  const siblingSubscription = (await makeCspSubscription(prisma, { customerId: sibling.id, rollsUpToPartnerId: partnerId })).id;
  const registration = await makeRegistration(prisma, { partnerId, subscriptionId: (await makeApssSubscription(prisma, partnerId)).id });
  const line = (subscriptionId: string, meterId: string, day: string, quantity: string, unitPrice: string) =>
    insertRatedLine(sql, { registrationId: registration.id, subscriptionId, meterId, day, quantity, unitPrice });
  await line(plan, METERS.vm, "2026-09-10", "10", "0.008");
  await line(plan, METERS.vm, "2026-10-03", "100", "0.008");
  await line(plan, METERS.blockBlob, "2026-10-03", "10", "0.02");
  await line(dev, METERS.vm, "2026-10-04", "50", "0.008");
  await line(siblingSubscription, METERS.vm, "2026-10-03", "7000", "0.008");
  await makeRateCard(prisma, { ownerPartnerId: partnerId, level: "DEFAULT", versions: [{ from: "2026-01-01", defaultMarkup: "20" }] });
  await prisma.customerBudget.create({ data: { customerId, monthlyAmount: "5", currency: "USD" } });
  reader = (await makeCustomerReader(prisma, world, "direct")).scope;
  siblingReader = (await makeCustomerReader(prisma, world, "resellerA")).scope;
});
beforeEach(() => {
  testSession.scope = null;
});

describe("the customer portal's cost analysis", () => {
  it("has the month's daily lines, accumulated charges and budget at the partner's prices", async () => {
    const charges = await getPortalCharges(reader, "2026-10", NOW);
    // Microsoft: 0.80 + 0.20 + 0.40 = 1.40; the partner's card adds 20 %: 150 × 0.0096 + 10 × 0.024.
    expect(charges.total).toBe("1.68");
    expect(charges.months.slice(-2)).toEqual([
      { period: "2026-09", total: "0.10" },
      { period: "2026-10", total: "1.68" },
    ]);
    expect(charges.dailyLines.map((line) => [line.day, line.meterName.length > 0, line.subscriptionId, line.unitPrice, line.quantity])).toEqual(
      [
        ["2026-10-03", true, plan, "0.024", "10"],
        ["2026-10-03", true, plan, "0.0096", "100"],
        ["2026-10-04", true, dev, "0.0096", "50"],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(charges.subscriptions.map((subscription) => subscription.id).sort()).toEqual([plan, dev].sort());
    expect(charges.accumulated.charges?.toDate).toBe("1.68");
    expect(charges.accumulated.cost.toDate).toBe("1.68");
    expect(charges.accumulated.charges?.actual[3]).toBe("1.68");
    expect(charges.accumulated.charges?.actual[1]).toBe("0.00");
    expect(charges.accumulated.budget).toEqual({ amount: "5.00", currency: "USD" });
    expect(JSON.stringify(charges)).not.toMatch(/microsoftCost|margin|"1\.40"/i);
  });

  it("groups days by meter or subscription and drills down", async () => {
    const charges = await getPortalCharges(reader, "2026-10", NOW);
    const byMeter = portalCostBreakdown(charges, "meter", {});
    expect(byMeter.total).toBe("1.68");
    expect(byMeter.series).toHaveLength(2);
    const vm = byMeter.series.find((series) => byMeter.seriesTotals[series.key] === "1.44");
    expect(vm).toBeDefined();
    const third = byMeter.buckets.indexOf("2026-10-03");
    expect(byMeter.bucketTotals[third]).toBe("1.20");
    expect(byMeter.values[0]).toEqual(Object.fromEntries(byMeter.series.map((series) => [series.key, "0.00"])));

    const vmBySubscription = portalCostBreakdown(charges, "subscription", { meter: vm?.key });
    expect(vmBySubscription.total).toBe("1.44");
    expect(vmBySubscription.seriesTotals).toEqual({ [plan]: "0.96", [dev]: "0.48" });
    expect(vmBySubscription.series.find((series) => series.key === dev)?.label).toBe("Dev plan");

    const devByMeter = portalCostBreakdown(charges, "meter", { subscription: dev });
    expect(devByMeter.total).toBe("0.48");
    expect(devByMeter.series).toHaveLength(1);
  });

  it("never reaches another customer: a reader of another partner's customer sees its own (empty) month", async () => {
    const charges = await getPortalCharges(siblingReader, "2026-10", NOW);
    expect(charges.total).toBe("0.00");
    expect(charges.dailyLines).toEqual([]);
    expect(charges.subscriptions).toEqual([]);
    expect(charges.accumulated.budget).toBeNull();
  });

  it("partner users can't call it (their routes answer 404 before: requireCustomerPageScope)", async () => {
    const admin = await world.scope("direct", "ADMIN_AGENT");
    await expect(getPortalCharges(admin, "2026-10", NOW)).rejects.toMatchObject({ code: "Forbidden" });
    await expect(getPortalDailyUsage(admin, "2026-10")).rejects.toMatchObject({ code: "Forbidden" });
  });
});

describe("the daily usage CSV", () => {
  it("has one row per day, meter and unit price at the partner's prices, no cost columns", async () => {
    const response = await portalUsageCsvResponse(get("/api/my/usage?period=2026-10&grain=daily"), async () => reader);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toMatch(/filename="usage_daily_.*_2026-10\.csv"/);
    const [header, ...rows] = parse(await response.text()) as string[][];
    expect(header).toEqual(["UsageDate", "CustomerName", "MeterCategory", "MeterName", "MeterId", "Unit", "Quantity", "UnitPrice", "Amount", "Currency"]);
    const cells = rows.map((row) => [row[0], row[4], row[6], row[7], row[8], row[9]]);
    expect(cells).toHaveLength(3);
    expect(cells).toContainEqual(["2026-10-03", METERS.vm, "100", "0.0096", "0.96", "USD"]);
    expect(cells).toContainEqual(["2026-10-03", METERS.blockBlob, "10", "0.024", "0.24", "USD"]);
    expect(cells).toContainEqual(["2026-10-04", METERS.vm, "50", "0.0096", "0.48", "USD"]);
    expect(rows.every((row) => row[1] === world.customers.direct.customer.companyName)).toBe(true);
  });

  it("refuses an unknown grain with the field named, and answers partner users 404", async () => {
    const bad = await portalUsageCsvResponse(get("/api/my/usage?period=2026-10&grain=weekly"), async () => reader);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("grain");
    const admin = await world.scope("direct", "ADMIN_AGENT");
    const refused = await portalUsageCsvResponse(get("/api/my/usage?period=2026-10&grain=daily"), async () => admin);
    expect(refused.status).toBe(404);
  });

  it("monthly stays the default", async () => {
    const response = await portalUsageCsvResponse(get("/api/my/usage?period=2026-10"), async () => reader);
    const [header] = parse(await response.text()) as string[][];
    expect(header[0]).toBe("Period");
  });
});
