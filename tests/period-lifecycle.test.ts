// Period lifecycle: a period closes on its own once its last usage day has closed
// (USAGE_DAY_CLOSE_HOURS after the month's end) plus the billing partner's grace, in order, once; the
// trigger route refuses callers without the portal's close trigger token.
import { describe, expect, it, vi } from "vitest";
import { withTestWorld } from "./support/with-test-world";
import type { World } from "./support/world";
import type { Database } from "../lib/database/open-database";
import { makeApssSubscription } from "./support/factories";
import { makeRegistration } from "./support/registration-fixtures";
import { METERS, insertRatedLine } from "./support/chargeback-fixtures";
import { periodCloseDueAt } from "../lib/periods/period-close-due-at";
import { unsafeCloseDuePeriods } from "../lib/periods/unsafe-close-due-periods";
import { closeTriggerToken } from "../lib/periods/close-trigger-token";
import { POST as closeDue } from "../app/api/periods/close-due/route";
import { shiftPeriod } from "../lib/periods/unsafe-first-open-period";

let database: Database;
let world: World;

withTestWorld(async (context) => {
  ({ database, world } = context);
  const { prisma, sql } = database;
  const partnerId = world.partners.direct.id;
  const registration = await makeRegistration(prisma, { partnerId, subscriptionId: (await makeApssSubscription(prisma, partnerId)).id });
  for (const day of ["2026-08-20", "2026-09-20", "2026-10-20"]) {
    await insertRatedLine(sql, {
      registrationId: registration.id,
      subscriptionId: world.customers.direct.subscription.id,
      meterId: METERS.vm,
      day,
      quantity: "5",
      unitPrice: "0.008",
    });
  }
  await prisma.partnerBillingSettings.create({ data: { partnerId, legalName: "Direct CSP Ltd", closeGraceDays: 2 } });
});

describe("when a period closes", () => {
  it("is due USAGE_DAY_CLOSE_HOURS after the month's end plus the grace", () => {
    expect(periodCloseDueAt("2026-10", 48, 3).toISOString()).toBe("2026-11-06T00:00:00.000Z");
    expect(periodCloseDueAt("2026-12", 24, 0).toISOString()).toBe("2027-01-02T00:00:00.000Z");
  });

  it("closes every due period of a partner in order, from its first month of usage, and nothing twice", async () => {
    const partnerId = world.partners.direct.id;
    vi.stubEnv("USAGE_DAY_CLOSE_HOURS", "48");
    // 2026-10's due time with a 2-day grace: Nov 1 + 48 h + 2 days = Nov 5, 00:00.
    const before = await unsafeCloseDuePeriods(new Date("2026-11-04T23:59:00Z"));
    expect(before.filter((outcome) => outcome.partnerId === partnerId)).toEqual([
      { partnerId, period: "2026-08", status: "closed" },
      { partnerId, period: "2026-09", status: "closed" },
    ]);
    const after = await unsafeCloseDuePeriods(new Date("2026-11-05T00:00:00Z"));
    expect(after.filter((outcome) => outcome.partnerId === partnerId)).toEqual([{ partnerId, period: "2026-10", status: "closed" }]);
    expect(await unsafeCloseDuePeriods(new Date("2026-11-05T01:00:00Z"))).toEqual([]);
    const closes = await database.prisma.billingPeriodClose.findMany({
      where: { partnerId },
      orderBy: { period: "asc" },
      select: { period: true, closedByUserId: true },
    });
    expect(closes).toEqual(["2026-08", "2026-09", "2026-10"].map((period) => ({ period, closedByUserId: null })));
    expect(await database.prisma.auditEvent.count({ where: { action: "period.autoClose", partnerId } })).toBe(3);
    vi.unstubAllEnvs();
  });

  it("the trigger route answers 401 without the close trigger token, and closes with it", async () => {
    vi.stubEnv("NEXTAUTH_SECRET", "test-secret-for-the-close-trigger");
    const call = (token?: string) =>
      closeDue(new Request("http://portal.test/api/periods/close-due", { method: "POST", headers: token ? { authorization: `Bearer ${token}` } : {} }));
    expect((await call()).status).toBe(401);
    expect((await call("sc_demo_wrong")).status).toBe(401);
    const response = await call(closeTriggerToken() ?? "");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true });
    vi.unstubAllEnvs();
  });
});

describe("an admin's explicit close", () => {
  it("closes periods in order only, is idempotent, and shows in the billing history", async () => {
    const { closePeriod } = await import("../lib/periods/close-period");
    const { listBillingHistory } = await import("../lib/periods/list-billing-history");
    const admin = await world.scope("direct", "ADMIN_AGENT");
    const closed = await database.prisma.billingPeriodClose.findMany({ where: { partnerId: world.partners.direct.id }, select: { period: true } });
    const latest = closed
      .map((close) => close.period)
      .sort()
      .at(-1) as string;
    const now = new Date("2027-03-10T00:00:00Z");
    const history = await listBillingHistory(admin, now);
    const open = history.rows.filter((row) => row.status === "open").map((row) => [row.period, row.closable]);
    // Newest first, from the last ended month down to the month after the latest close: only that one closes now.
    expect(open[0]).toEqual(["2027-02", false]);
    expect(open.at(-1)).toEqual([shiftPeriod(latest, 1), true]);
    expect(open.filter(([, closable]) => closable)).toHaveLength(1);
    await expect(closePeriod(admin, "2027-02", { now })).rejects.toThrow("periods close in order");
    await expect(closePeriod(admin, "2026-07", { now })).rejects.toThrow("can no longer close");
    expect(await closePeriod(admin, latest, { now })).toMatchObject({ created: false });
    await expect(closePeriod(await world.scope("resellerA", "ADMIN_AGENT"), "2026-12", { now })).rejects.toMatchObject({ status: 403 });
    await expect(closePeriod(await world.scope("direct", "SALES_AGENT"), "2026-12", { now })).rejects.toMatchObject({ status: 403 });
  });
});
