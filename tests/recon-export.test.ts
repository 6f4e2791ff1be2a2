// Recon export against a database: scoping (reseller/distributor/foreign ids/other partner's token),
// the route's statuses and headers, page totals = CSV to the cent, and streaming without buffering.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parse } from "csv-parse/sync";
import Decimal from "decimal.js";
import { createTestDatabase } from "./support/test-database";
import { makeWorld, type World } from "./support/world";
import { makeApiToken } from "./support/registration-fixtures";
import { makeRegistration } from "./support/registration-fixtures";
import { makeApssSubscription } from "./support/factories";
import { insertRatedLines } from "./support/recon-fixtures";
import { setDatabaseForTests } from "../lib/db";
import type { PartnerScope } from "../lib/auth/partner-scope";
import type { Database } from "../lib/database/open-database";
import { RECON_COLUMNS } from "../lib/recon/recon-line";
import { LEGACY_RECON_COLUMNS } from "../lib/recon/legacy-recon-line";
import { resolveReconQuery } from "../lib/recon/recon-source";
import { reconCsvChunks } from "../lib/recon/js-recon-writer";
import { reconTotals } from "../lib/billing/recon-totals";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
const { reconResponse } = await import("../lib/recon/recon-response");

let database: Database;
let world: World;
const PERIOD = "2026-10";

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabaseForTests(database);
  world = await makeWorld(database.prisma);
  const { prisma, sql } = database;
  const regOf = async (partnerId: string) => {
    const apss = await makeApssSubscription(prisma, partnerId);
    return { registration: await makeRegistration(prisma, { partnerId, subscriptionId: apss.id }), apss };
  };
  const dist = await regOf(world.partners.distributor.id);
  const direct = await regOf(world.partners.direct.id);
  const other = await regOf(world.partners.otherDirect.id);
  const c = world.customers;
  const add = (registrationId: string, subscriptionId: string, count: number, extra: Partial<Parameters<typeof insertRatedLines>[1]> = {}) =>
    insertRatedLines(sql, { registrationId, subscriptionId, count, firstDay: "2026-10-01", days: 31, ...extra });
  await add(dist.registration.id, c.distributor.subscription.id, 40);
  await add(dist.registration.id, c.resellerA.subscription.id, 30);
  await add(dist.registration.id, c.resellerB.subscription.id, 20);
  await add(dist.registration.id, dist.apss.id, 10, { unregisteredTenant: true, unitPrice: "1.5" });
  await add(direct.registration.id, c.direct.subscription.id, 25, { unitPrice: "0.0079999999" });
  await add(other.registration.id, c.otherDirect.subscription.id, 15);
  // Another month: never in October's file.
  await add(direct.registration.id, c.direct.subscription.id, 5, { firstDay: "2026-11-01", days: 5, resourcePrefix: "/nov/" });
});
afterAll(() => database.close());

async function csvFor(scope: PartnerScope, params: Record<string, string> = {}): Promise<string[][]> {
  const query = await resolveReconQuery(database.sql, scope, { period: PERIOD, ...params });
  let text = "";
  for await (const chunk of reconCsvChunks(database.sql, query, 7)) text += chunk;
  return parse(text) as string[][];
}
const col = (name: (typeof RECON_COLUMNS)[number]) => RECON_COLUMNS.indexOf(name);
const sum = (rows: string[][]) => rows.slice(1).reduce((acc, r) => acc.plus(r[col("BillingPreTaxTotal")]), new Decimal(0));

describe("scoping", () => {
  it("a reseller's file holds only its customers' lines, with the distributor as CSP of record", async () => {
    const rows = await csvFor(await world.scope("resellerA", "BILLING_ADMIN"));
    expect(rows[0]).toEqual([...RECON_COLUMNS]);
    expect(rows).toHaveLength(31);
    expect(new Set(rows.slice(1).map((r) => r[col("CustomerId")]))).toEqual(new Set([world.customers.resellerA.customer.tenantId]));
    expect(new Set(rows.slice(1).map((r) => r[col("MpnId")]))).toEqual(new Set([world.partners.distributor.mpnId]));
    expect(new Set(rows.slice(1).map((r) => r[col("Tier2MpnId")]))).toEqual(new Set([world.partners.resellerA.mpnId]));
  });
  it("a distributor's file holds its own, its resellers' and its default subscription's lines; resellerId narrows", async () => {
    const scope = await world.scope("distributor", "ADMIN_AGENT");
    expect(await csvFor(scope)).toHaveLength(101);
    expect(await csvFor(scope, { resellerId: world.partners.resellerB.id })).toHaveLength(21);
  });
  it("foreign customer, reseller and registration ids are NotFound", async () => {
    const scope = await world.scope("direct", "ADMIN_AGENT");
    await expect(csvFor(scope, { customerId: world.customers.otherDirect.customer.id })).rejects.toMatchObject({ code: "NotFound" });
    await expect(csvFor(scope, { resellerId: world.partners.resellerA.id })).rejects.toMatchObject({ code: "NotFound" });
    await expect(csvFor(scope, { registrationId: "nope" })).rejects.toMatchObject({ code: "NotFound" });
    expect(await csvFor(scope, { customerId: world.customers.direct.customer.id })).toHaveLength(26);
  });
  it("date range filters inside the period; outside it is rejected", async () => {
    const scope = await world.scope("direct", "ADMIN_AGENT");
    const rows = await csvFor(scope, { from: "2026-10-02", to: "2026-10-03" });
    expect(rows.slice(1).every((r) => r[col("UsageDate")] >= "2026-10-02" && r[col("UsageDate")] <= "2026-10-03")).toBe(true);
    await expect(csvFor(scope, { from: "2026-11-01" })).rejects.toMatchObject({ code: "ValidationFailed" });
  });
});

describe("GET /api/billing/recon", () => {
  const noSession = async (): Promise<PartnerScope> => {
    throw Object.assign(new (await import("../lib/errors")).DomainError("Unauthenticated", "Sign in."), {});
  };
  const get = (query: string, headers: Record<string, string> = {}, session = noSession) =>
    reconResponse(new Request(`http://x/api/billing/recon?${query}`, { headers }), session);

  it("streams the token partner's file with the attachment name", async () => {
    const { token } = await makeApiToken(database.prisma, { partnerId: world.partners.direct.id, createdByUserId: world.users.direct.ADMIN_AGENT });
    const response = await get(`period=${PERIOD}`, { authorization: `Bearer ${token}` });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="recon_test-partner-[a-z0-9-]+_2026-10\.csv"$/);
    const rows = parse(await response.text()) as string[][];
    expect(rows).toHaveLength(26);
  });
  it("another partner's token can't reach this partner's customer (404), a bad token is 401, a bad period 400", async () => {
    const { token } = await makeApiToken(database.prisma, { partnerId: world.partners.otherDirect.id, createdByUserId: world.users.otherDirect.ADMIN_AGENT });
    const foreign = await get(`period=${PERIOD}&customerId=${world.customers.direct.customer.id}`, { authorization: `Bearer ${token}` });
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toMatchObject({ error: { code: "NotFound" } });
    expect((await get(`period=${PERIOD}`, { authorization: "Bearer sc_nope" })).status).toBe(401);
    const bad = await get("period=2026-13", { authorization: `Bearer ${token}` });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "ValidationFailed", fields: { period: expect.any(String) } } });
    // Date.UTC reads years 0–99 as 1900–1999 and PostgreSQL has no year 0: such periods are refused.
    for (const period of ["0000-01", "0050-06"]) {
      const outOfRange = await get(`period=${period}`, { authorization: `Bearer ${token}` });
      expect(outOfRange.status).toBe(400);
    }
  });
  it("format=legacy streams the legacy usage-based columns under its own name; an unknown format is 400", async () => {
    const billing = await world.scope("direct", "BILLING_ADMIN");
    const legacy = await get(`period=${PERIOD}&format=legacy`, {}, async () => billing);
    expect(legacy.status).toBe(200);
    expect(legacy.headers.get("content-disposition")).toMatch(/filename="recon_legacy_test-partner-[a-z0-9-]+_2026-10\.csv"$/);
    const rows = parse(await legacy.text()) as string[][];
    expect(rows[0]).toEqual([...LEGACY_RECON_COLUMNS]);
    expect(rows).toHaveLength(26);
    const bad = await get(`period=${PERIOD}&format=xlsx`, {}, async () => billing);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "ValidationFailed", fields: { format: expect.any(String) } } });
  });
  it("session users need billing:export", async () => {
    const sales = await world.scope("direct", "SALES_AGENT");
    expect((await get(`period=${PERIOD}`, {}, async () => sales)).status).toBe(403);
    const billing = await world.scope("direct", "BILLING_ADMIN");
    expect((await get(`period=${PERIOD}`, {}, async () => billing)).status).toBe(200);
  });
});

describe("page totals", () => {
  it("equal the sum of the CSV's BillingPreTaxTotal to the cent, per customer too", async () => {
    for (const key of ["distributor", "direct", "resellerA"] as const) {
      const scope = await world.scope(key, "BILLING_ADMIN");
      const rows = await csvFor(scope);
      const totals = await reconTotals(database.sql, await resolveReconQuery(database.sql, scope, { period: PERIOD }));
      expect(totals.total.toFixed(2)).toBe(sum(rows).toFixed(2));
      expect(totals.lines).toBe(rows.length - 1);
      for (const customer of totals.customers.filter((c) => c.customerId)) {
        const tenant = (await database.prisma.customer.findUniqueOrThrow({ where: { id: customer.customerId ?? "" } })).tenantId;
        expect(customer.total.toFixed(2)).toBe(sum([[], ...rows.slice(1).filter((r) => r[col("CustomerId")] === tenant)]).toFixed(2));
      }
    }
    // FLOOR per line, not a rounded sum of unrounded amounts
    const direct = await reconTotals(database.sql, await resolveReconQuery(database.sql, await world.scope("direct", "BILLING_ADMIN"), { period: PERIOD }));
    const { rows: raw } = await database.sql.query<{ s: string }>(
      `SELECT sum("pretaxAmount")::text AS s FROM "RatedUsageLine" WHERE "azureSubscriptionId" = $1 AND "usageDate" < '2026-11-01'`,
      [world.customers.direct.subscription.id],
    );
    expect(direct.total.lessThanOrEqualTo(new Decimal(raw[0].s))).toBe(true);
    expect(direct.total.toFixed(2)).not.toBe(new Decimal(raw[0].s).toFixed(2));
  });
  it("chart cells (day × meter) equal the CSV's per day and meter, for a partner, an operator and one registration", async () => {
    const operator = await world.operatorScope();
    const registrationId = (await database.prisma.registration.findFirstOrThrow({ where: { partnerId: world.partners.distributor.id }, select: { id: true } }))
      .id;
    for (const [scope, params] of [
      [await world.scope("distributor", "BILLING_ADMIN"), {}],
      [operator, {}],
      [operator, { registrationId }],
    ] as const) {
      const rows = await csvFor(scope, params);
      const totals = await reconTotals(database.sql, await resolveReconQuery(database.sql, scope, { period: PERIOD, ...params }), { daily: true });
      expect(totals.total.toFixed(2)).toBe(sum(rows).toFixed(2));
      expect(totals.lines).toBe(rows.length - 1);
      const expected = new Map<string, Decimal>();
      for (const r of rows.slice(1)) {
        const key = `${r[col("UsageDate")].slice(0, 10)}|${r[col("MeterName")]}`;
        expected.set(key, (expected.get(key) ?? new Decimal(0)).plus(r[col("BillingPreTaxTotal")]));
      }
      const actual = new Map<string, string>();
      for (const cell of totals.daily) {
        const key = `${cell.day}|${cell.meterName}`;
        actual.set(key, new Decimal(actual.get(key) ?? 0).plus(cell.total).toFixed(2));
      }
      expect(actual).toEqual(new Map([...expected].map(([k, v]) => [k, v.toFixed(2)])));
      expect(totals.customers.reduce((acc, c) => acc.plus(c.total), new Decimal(0)).toFixed(2)).toBe(totals.total.toFixed(2));
    }
  });
  it("reports unregistered-tenant spend on the default subscription", async () => {
    const totals = await reconTotals(database.sql, await resolveReconQuery(database.sql, await world.scope("distributor", "ADMIN_AGENT"), { period: PERIOD }));
    expect(totals.unregisteredTotal.greaterThan(0)).toBe(true);
    expect(totals.unregisteredSubscriptions.length).toBeGreaterThan(0);
  });
});
