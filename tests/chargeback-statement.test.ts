// Customer statements against hand-computed Decimal figures; Microsoft's cost equals the recon file;
// the margin report; who sees cost and margin; budgets forecast on the dashboard.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import Decimal from "decimal.js";
import { createTestDatabase } from "./support/test-database";
import { makeWorld, type World } from "./support/world";
import { makeRegistration } from "./support/registration-fixtures";
import { makeApssSubscription } from "./support/factories";
import { insertRatedLines } from "./support/recon-fixtures";
import { METERS, insertRatedLine, insertUnbilledUsage, makeRateCard } from "./support/chargeback-fixtures";
import { setDatabaseForTests } from "../lib/db";
import type { Database } from "../lib/database/open-database";
import { RECON_COLUMNS } from "../lib/recon/recon-line";
import { resolveReconQuery } from "../lib/recon/recon-source";
import { reconCsvChunks } from "../lib/recon/js-recon-writer";
import { getCustomerStatement } from "../lib/chargeback/get-customer-statement";
import { getMarginReport } from "../lib/chargeback/get-margin-report";
import { listBudgetPaces } from "../lib/dashboard/list-budget-alerts";

let database: Database;
let world: World;
const PERIOD = "2026-10";

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabaseForTests(database);
  world = await makeWorld(database.prisma);
  const { prisma, sql } = database;
  const distApss = await makeApssSubscription(prisma, world.partners.distributor.id);
  const dist = await makeRegistration(prisma, { partnerId: world.partners.distributor.id, subscriptionId: distApss.id });
  const directApss = await makeApssSubscription(prisma, world.partners.direct.id);
  const direct = await makeRegistration(prisma, { partnerId: world.partners.direct.id, subscriptionId: directApss.id });
  const a = world.customers.resellerA.subscription.id;
  const line = (subscriptionId: string, meterId: string, day: string, quantity: string, unitPrice: string | null) =>
    insertRatedLine(sql, { registrationId: dist.id, subscriptionId, meterId, day, quantity, unitPrice });

  // Reseller A's customer, billed to the distributor (see the hand computation below).
  await line(a, METERS.vm, "2026-10-03", "10.5", "0.008");
  await line(a, METERS.vm, "2026-10-10", "3.333", "0.008");
  await line(a, METERS.vm, "2026-10-20", "7", "0.008");
  await line(a, METERS.blockBlob, "2026-10-05", "100.25", "0.006");
  await line(a, METERS.blockBlob, "2026-10-25", "0.75", "0.006");
  await line(a, METERS.windowsVm, "2026-10-07", "25", "0.046");
  await line(a, METERS.vm, "2026-09-30", "1000", "0.008"); // another period
  for (const hour of [0, 1]) {
    await insertUnbilledUsage(sql, { registrationId: dist.id, subscriptionId: a, localMeterId: METERS.staticIp, day: "2026-10-07", hour, quantity: "24" });
    await insertUnbilledUsage(sql, { registrationId: dist.id, subscriptionId: a, localMeterId: METERS.dynamicIp, day: "2026-10-07", hour, quantity: "5" }); // no price: not charged
  }
  const distributorId = world.partners.distributor.id;
  await makeRateCard(prisma, {
    ownerPartnerId: distributorId,
    level: "DEFAULT",
    versions: [{ from: "2026-01-01", defaultMarkup: "10", unitPrices: { [METERS.staticIp]: "0.005" } }],
  });
  await makeRateCard(prisma, {
    ownerPartnerId: distributorId,
    level: "RESELLER",
    resellerId: world.partners.resellerA.id,
    versions: [
      { from: "2026-10-01", markups: { [METERS.vm]: "25" } },
      { from: "2026-10-16", markups: { [METERS.vm]: "50" } },
    ],
  });
  // Reseller B's customer: a customer override of 0 % on VM, on top of the default card.
  await makeRateCard(prisma, {
    ownerPartnerId: distributorId,
    level: "CUSTOMER",
    customerId: world.customers.resellerB.customer.id,
    versions: [{ from: "2026-01-01", markups: { [METERS.vm]: "0" } }],
  });
  await line(world.customers.resellerB.subscription.id, METERS.vm, "2026-10-04", "100", "0.008");

  // The direct CSP's customer: many lines with long decimals, a 33.3333 % default markup.
  await insertRatedLines(sql, {
    registrationId: direct.id,
    subscriptionId: world.customers.direct.subscription.id,
    count: 300,
    firstDay: "2026-10-01",
    days: 31,
    unitPrice: "0.0079999999",
  });
  await makeRateCard(prisma, { ownerPartnerId: world.partners.direct.id, level: "DEFAULT", versions: [{ from: "2026-01-01", defaultMarkup: "33.3333" }] });
});
afterAll(() => database.close());

const fixed = (value: Decimal) => value.toFixed(2);

describe("customer statement", () => {
  it("prices each meter per customer unit price, rounds once per line half-up, totals sum rounded lines", async () => {
    const statement = await getCustomerStatement(await world.scope("distributor", "BILLING_ADMIN"), world.customers.resellerA.customer.id, PERIOD);
    if (!statement.showsCost) throw new Error("the billing partner sees cost");
    const rows = statement.lines.map((l) => [
      l.meterName,
      l.unitPrice.toFixed(),
      l.quantity.toFixed(),
      fixed(l.amount),
      fixed(l.microsoftCost),
      fixed(l.margin),
      l.priceVaries,
    ]);
    expect(rows).toEqual([
      // Block blob: no entry anywhere → DEFAULT's 10 % default: 0.006 × 1.1 = 0.0066;
      // Σ = 101 × 0.0066 = 0.6666 → 0.67; cost FLOOR(0.6015)=0.60 + FLOOR(0.0045)=0.00.
      ["Storage — Block Blob", "0.0066", "101", "0.67", "0.60", "0.07", false],
      // VM 1–15 Oct: reseller 25 % → 0.01; 13.833 × 0.01 = 0.13833 → 0.14; cost 0.08 + 0.02.
      ["VM", "0.01", "13.833", "0.14", "0.10", "0.04", true],
      // VM from 16 Oct: reseller 50 % → 0.012; 7 × 0.012 = 0.084 → 0.08; cost FLOOR(0.056) = 0.05.
      ["VM", "0.012", "7", "0.08", "0.05", "0.03", true],
      // Windows VM: 10 % default → 0.0506 × 25 = 1.265 → half-up 1.27 (not 1.26); cost 1.15.
      ["Windows VM", "0.0506", "25", "1.27", "1.15", "0.12", false],
      // Static IP (Microsoft doesn't bill it): 48 IP-hours × 0.005 = 0.24, no cost. Dynamic IP: unpriced, absent.
      ["Static IP Address Usage", "0.005", "48", "0.24", "0.00", "0.24", false],
    ]);
    expect(fixed(statement.total)).toBe("2.40");
    expect(fixed(statement.microsoftCost)).toBe("1.90");
    expect(fixed(statement.margin)).toBe("0.50");
    expect(statement.marginPercent?.toFixed(2)).toBe("20.83");
    expect(statement.issuer.id).toBe(world.partners.resellerA.id);
  });

  it("Microsoft's cost equals the recon file's sum for that customer, to the cent", async () => {
    const scope = await world.scope("direct", "ADMIN_AGENT");
    const customerId = world.customers.direct.customer.id;
    const statement = await getCustomerStatement(scope, customerId, PERIOD);
    if (!statement.showsCost) throw new Error("the billing partner sees cost");
    let text = "";
    for await (const chunk of reconCsvChunks(database.sql, await resolveReconQuery(database.sql, scope, { period: PERIOD, customerId }))) text += chunk;
    const rows = parse(text) as string[][];
    const col = RECON_COLUMNS.indexOf("BillingPreTaxTotal");
    const reconSum = rows.slice(1).reduce((sum, r) => sum.plus(r[col]), new Decimal(0));
    expect(rows.length).toBe(301);
    expect(fixed(statement.microsoftCost)).toBe(reconSum.toFixed(2));
    // Revenue: each line = round_half_up(Σ quantity × 0.0079999999 × 1.333333, 2), summed.
    const price = new Decimal("0.0079999999").times("1.333333");
    for (const line of statement.lines) {
      expect(line.unitPrice.toFixed()).toBe(price.toFixed());
      expect(fixed(line.amount)).toBe(line.quantity.times(price).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2));
    }
    expect(fixed(statement.total)).toBe(fixed(statement.lines.reduce((s, l) => s.plus(l.amount), new Decimal(0))));
  });

  it("a reseller gets its customer's statement without any cost or margin field", async () => {
    const statement = await getCustomerStatement(await world.scope("resellerA", "ADMIN_AGENT"), world.customers.resellerA.customer.id, PERIOD);
    expect(statement.showsCost).toBe(false);
    expect(fixed(statement.total)).toBe("2.40");
    expect(Object.keys(statement)).not.toEqual(expect.arrayContaining(["microsoftCost"]));
    for (const key of ["microsoftCost", "margin", "marginPercent"]) expect(statement).not.toHaveProperty(key);
    for (const line of statement.lines) {
      expect(line).not.toHaveProperty("microsoftCost");
      expect(line).not.toHaveProperty("margin");
    }
    expect(JSON.stringify(statement)).not.toMatch(/"microsoftCost"|"margin"|"marginPercent"/);
  });

  it("the customer-facing view never carries cost, even for the billing partner", async () => {
    const statement = await getCustomerStatement(await world.scope("distributor", "ADMIN_AGENT"), world.customers.resellerA.customer.id, PERIOD, {
      audience: "customer",
    });
    expect(statement.showsCost).toBe(false);
    expect(JSON.stringify(statement)).not.toMatch(/"microsoftCost"|"margin"|"marginPercent"/);
  });

  it("a customer override beats the default card", async () => {
    const statement = await getCustomerStatement(await world.scope("distributor", "ADMIN_AGENT"), world.customers.resellerB.customer.id, PERIOD);
    expect(statement.lines.map((l) => [l.meterName, l.unitPrice.toFixed(), fixed(l.amount)])).toEqual([["VM", "0.008", "0.80"]]);
  });

  it("another partner's customer, and sales agents and operators, are refused", async () => {
    await expect(getCustomerStatement(await world.scope("resellerB", "ADMIN_AGENT"), world.customers.resellerA.customer.id, PERIOD)).rejects.toMatchObject({
      code: "NotFound",
    });
    await expect(getCustomerStatement(await world.scope("direct", "ADMIN_AGENT"), world.customers.resellerA.customer.id, PERIOD)).rejects.toMatchObject({
      code: "NotFound",
    });
    await expect(getCustomerStatement(await world.scope("distributor", "SALES_AGENT"), world.customers.resellerA.customer.id, PERIOD)).rejects.toMatchObject({
      code: "Forbidden",
    });
    await expect(getCustomerStatement(await world.operatorScope(), world.customers.resellerA.customer.id, PERIOD)).rejects.toMatchObject({ code: "Forbidden" });
  });
});

describe("margin report", () => {
  it("per customer and per reseller, totals in Decimal", async () => {
    const report = await getMarginReport(await world.scope("distributor", "ADMIN_AGENT"), PERIOD);
    const byCustomer = Object.fromEntries(report.customers.map((c) => [c.customerId, [fixed(c.revenue), fixed(c.microsoftCost), fixed(c.margin)]]));
    expect(byCustomer).toEqual({
      [world.customers.resellerA.customer.id]: ["2.40", "1.90", "0.50"],
      [world.customers.resellerB.customer.id]: ["0.80", "0.80", "0.00"],
    });
    expect(report.resellers.map((r) => [r.resellerId, fixed(r.revenue), fixed(r.margin), r.marginPercent?.toFixed(2)])).toEqual([
      [world.partners.resellerA.id, "2.40", "0.50", "20.83"],
      [world.partners.resellerB.id, "0.80", "0.00", "0.00"],
    ]);
    expect([fixed(report.totals.revenue), fixed(report.totals.microsoftCost), fixed(report.totals.margin)]).toEqual(["3.20", "2.70", "0.50"]);
  });

  it("the reseller switcher narrows it", async () => {
    const report = await getMarginReport(await world.scope("distributor", "ADMIN_AGENT", world.partners.resellerB.id), PERIOD);
    expect(report.customers.map((c) => c.customerId)).toEqual([world.customers.resellerB.customer.id]);
  });
});

describe("budgets on the dashboard", () => {
  it("flags customers whose month-end forecast exceeds their budget", async () => {
    const { prisma } = database;
    await prisma.customerBudget.create({ data: { customerId: world.customers.resellerA.customer.id, monthlyAmount: new Decimal("5"), currency: "USD" } });
    await prisma.customerBudget.create({ data: { customerId: world.customers.resellerB.customer.id, monthlyAmount: new Decimal("100"), currency: "USD" } });
    // 10 Oct, end of day: month-to-date for A = VM 1–10 (13.833 × 0.01 → 0.14) + blob 5 Oct (100.25 × 0.0066 → 0.66)
    // + Windows VM (1.27) + static IP (0.24) = 2.31; forecast = 2.31 / 10 × 31 = 7.161 → 7.16 > 5.
    const now = new Date("2026-10-10T23:00:00Z");
    const paces = await listBudgetPaces(await world.scope("distributor", "ADMIN_AGENT"), now);
    expect(paces.map((p) => [p.customerId, fixed(p.monthToDate), fixed(p.forecast), p.overBudget, p.percent.toFixed(1)])).toEqual([
      [world.customers.resellerA.customer.id, "2.31", "7.16", true, "143.2"],
      [world.customers.resellerB.customer.id, "0.80", "2.48", false, "2.5"],
    ]);
    // A reseller sees only its own customers' budgets.
    const resellerPaces = await listBudgetPaces(await world.scope("resellerB", "ADMIN_AGENT"), now);
    expect(resellerPaces.map((p) => p.customerId)).toEqual([world.customers.resellerB.customer.id]);
  });
});
