// A reseller (any role) never reaches the distributor's margins: no margin report, no rate cards,
// statements and their CSV without Microsoft cost or margin; another reseller's customer is not found.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { createTestDatabase } from "./support/test-database";
import { makeWorld, PARTNER_ROLES, type World } from "./support/world";
import { makeRegistration } from "./support/registration-fixtures";
import { makeApssSubscription } from "./support/factories";
import { METERS, insertRatedLine, makeRateCard } from "./support/chargeback-fixtures";
import { setDatabaseForTests } from "../lib/db";
import type { Database } from "../lib/database/open-database";
import type { PartnerScope } from "../lib/auth/partner-scope";
import { getMarginReport } from "../lib/chargeback/get-margin-report";
import { getRateCard, listRateCards } from "../lib/chargeback/list-rate-cards";
import { getCustomerStatement } from "../lib/chargeback/get-customer-statement";
import { statementCsvResponse } from "../lib/chargeback/statement-response";
import { makeCustomerReader } from "./support/customer-reader-fixtures";
import { portalUsageCsvResponse } from "../lib/customer-portal/portal-usage-csv-response";
import { getPortalCharges } from "../lib/customer-portal/get-portal-charges";

let database: Database;
let world: World;
let cardId: string;
const PERIOD = "2026-10";

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabaseForTests(database);
  world = await makeWorld(database.prisma);
  const { prisma, sql } = database;
  await prisma.customer.update({ where: { id: world.customers.resellerA.customer.id }, data: { companyName: '=HYPERLINK("http://evil")' } });
  const apss = await makeApssSubscription(prisma, world.partners.distributor.id);
  const registration = await makeRegistration(prisma, { partnerId: world.partners.distributor.id, subscriptionId: apss.id });
  await insertRatedLine(sql, {
    registrationId: registration.id,
    subscriptionId: world.customers.resellerA.subscription.id,
    meterId: METERS.vm,
    day: "2026-10-02",
    quantity: "100",
    unitPrice: "0.008",
  });
  cardId = await makeRateCard(prisma, {
    ownerPartnerId: world.partners.distributor.id,
    level: "RESELLER",
    resellerId: world.partners.resellerA.id,
    versions: [{ from: "2026-01-01", markups: { [METERS.vm]: "50" } }],
  });
});
afterAll(() => database.close());

const csvFor = async (scope: PartnerScope, customerId: string) =>
  statementCsvResponse(new Request(`http://test/api/statements/${customerId}?period=${PERIOD}`), customerId, async () => scope);

describe.each(PARTNER_ROLES.filter((role) => role !== "SALES_AGENT"))("reseller %s", (role) => {
  it("can't read the margin report or any rate card", async () => {
    const scope = await world.scope("resellerA", role);
    await expect(getMarginReport(scope, PERIOD)).rejects.toMatchObject({ status: 403 });
    await expect(listRateCards(scope)).rejects.toMatchObject({ status: 403 });
    await expect(getRateCard(scope, cardId)).rejects.toMatchObject({ status: 403 });
  });

  it("gets its customer's statement at the customer price, without cost or margin (data and CSV)", async () => {
    const scope = await world.scope("resellerA", role);
    const statement = await getCustomerStatement(scope, world.customers.resellerA.customer.id, PERIOD);
    expect(statement.showsCost).toBe(false);
    expect(statement.lines.map((l) => [l.unitPrice.toFixed(), l.amount.toFixed(2)])).toEqual([["0.012", "1.20"]]);
    expect(statement).not.toHaveProperty("microsoftCost");
    expect(statement).not.toHaveProperty("margin");
    for (const line of statement.lines) expect(Object.keys(line)).not.toEqual(expect.arrayContaining(["microsoftCost"]));
    for (const line of statement.lines) expect(line).not.toHaveProperty("margin");

    const response = await csvFor(scope, world.customers.resellerA.customer.id);
    expect(response.status).toBe(200);
    const text = await response.text();
    const rows = parse(text) as string[][];
    expect(rows[0]).not.toContain("MicrosoftCost");
    expect(text).not.toMatch(/margin|MicrosoftCost/i);
    expect(rows[1][rows[0].indexOf("Amount")]).toBe("1.20");
    // CSV injection neutralised by the recon helper.
    expect(rows[1][rows[0].indexOf("CustomerName")]).toBe('\'=HYPERLINK("http://evil")');
  });

  it("can't see another reseller's customer", async () => {
    const scope = await world.scope("resellerB", role);
    await expect(getCustomerStatement(scope, world.customers.resellerA.customer.id, PERIOD)).rejects.toMatchObject({ code: "NotFound" });
    expect((await csvFor(scope, world.customers.resellerA.customer.id)).status).toBe(404);
  });
});

describe("reseller A's customer reader", () => {
  it("gets its statement, charges and usage CSV at the customer price, never the margin report, rate cards, cost or margin", async () => {
    const { scope } = await makeCustomerReader(database.prisma, world, "resellerA");
    await expect(getMarginReport(scope, PERIOD)).rejects.toMatchObject({ status: 403 });
    await expect(listRateCards(scope)).rejects.toMatchObject({ status: 403 });
    await expect(getRateCard(scope, cardId)).rejects.toMatchObject({ status: 403 });
    const statement = await getCustomerStatement(scope, world.customers.resellerA.customer.id, PERIOD);
    expect(statement.showsCost).toBe(false);
    expect(statement.total.toFixed(2)).toBe("1.20");
    const charges = await getPortalCharges(scope, PERIOD, new Date("2026-11-15T00:00:00Z"));
    expect(charges.total).toBe("1.20");
    expect(JSON.stringify(charges)).not.toMatch(/microsoftCost|margin/i);
    const response = await portalUsageCsvResponse(new Request(`http://test/api/my/usage?period=${PERIOD}`), async () => scope);
    const text = await response.text();
    expect(text).not.toMatch(/margin|MicrosoftCost/i);
    expect(text).toContain("1.20");
  });

  it("can't see another reseller's customer (NotFound)", async () => {
    const { scope } = await makeCustomerReader(database.prisma, world, "resellerB");
    await expect(getCustomerStatement(scope, world.customers.resellerA.customer.id, PERIOD)).rejects.toMatchObject({ code: "NotFound" });
    expect((await csvFor(scope, world.customers.resellerA.customer.id)).status).toBe(404);
  });
});

describe("the distributor", () => {
  it("gets cost and margin for the same customer, in data and CSV", async () => {
    const scope = await world.scope("distributor", "BILLING_ADMIN");
    const statement = await getCustomerStatement(scope, world.customers.resellerA.customer.id, PERIOD);
    if (!statement.showsCost) throw new Error("the billing partner sees cost");
    expect([statement.microsoftCost.toFixed(2), statement.margin.toFixed(2)]).toEqual(["0.80", "0.40"]);
    const rows = parse(await (await csvFor(scope, world.customers.resellerA.customer.id)).text()) as string[][];
    expect(rows[0].slice(-2)).toEqual(["MicrosoftCost", "Margin"]);
    expect(rows[1].slice(-2)).toEqual(["0.80", "0.40"]);
    expect(rows.at(-1)?.slice(-2)).toEqual(["0.80", "0.40"]);
  });

  it("a bad period is a 400 with a field error, not a 500", async () => {
    const scope = await world.scope("distributor", "BILLING_ADMIN");
    const response = await statementCsvResponse(new Request("http://test/x?period=2026-13"), world.customers.resellerA.customer.id, async () => scope);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "ValidationFailed", fields: { period: expect.any(String) } } });
  });
});
