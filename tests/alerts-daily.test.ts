// The daily alert evaluation (unsafe-run-daily-alert-evaluation.ts), on real ingests: a customer's
// one VM at 0.50 an hour = 12.00 a day, Nov 5 to 18, budget 300.00. The partner's settings turn
// the forecast measure and e-mail off. The day's run raises the month-to-date 50 % alert (168.00)
// and nothing on forecast, sends it to the webhook, no e-mail; a second run the same day, and two
// runs at once the next day, evaluate once and raise nothing twice.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTestWorld } from "./support/with-test-world";
import { COMMERCE, makePriceList, makeUsageRegistration, usageRecord } from "./support/usage-fixtures";
import { startSmtpSink, type SmtpSink } from "./support/smtp-sink";
import type { World } from "./support/world";
import type { Database } from "../lib/database/open-database";
import { unsafeIngestUsageBatch } from "../lib/usage/unsafe-ingest-usage-batch";
import { unsafeSyncLocalSubscriptions } from "../lib/usage/unsafe-sync-local-subscriptions";
import { unsafeRunDailyAlertEvaluation } from "../lib/alerts/unsafe-run-daily-alert-evaluation";
import { saveAlertSettings } from "../lib/alerts/save-alert-settings";
import { saveAlertSettingsSchema } from "../lib/alerts/alert-schemas";
import { sealSecret } from "../lib/stamps/secret-box";
import { alertsTriggerToken } from "../lib/alerts/alerts-trigger-token";
import { POST as runDue } from "../app/api/alerts/run-due/route";

let database: Database;
let world: World;
withTestWorld((context) => ({ database, world } = context));

const received: string[] = [];
const receiver = createServer((request, response) => {
  let body = "";
  request.on("data", (chunk: Buffer) => (body += chunk.toString()));
  request.on("end", () => {
    received.push(body);
    response.writeHead(200).end();
  });
});
let smtp: SmtpSink;

beforeAll(async () => {
  process.env.STACKCENTER_SECRET_KEY ??= "alerts-daily-test-key";
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  smtp = await startSmtpSink();
  Object.assign(process.env, smtp.env);
  const setup = await makeUsageRegistration(database.prisma, world);
  await makePriceList(database.prisma, { market: "US", currency: "USD", effectiveFrom: "2026-01-01", prices: { [COMMERCE.vm]: "0.5" } });
  await unsafeSyncLocalSubscriptions(setup.registration.id, {
    value: [{ subscriptionId: "tenant-sub-1", tenantId: setup.tenantId, isProviderSubscription: false, displayName: "Tenant" }],
  });
  await database.prisma.customerBudget.create({ data: { customerId: world.customers.direct.customer.id, monthlyAmount: "300", currency: "USD" } });
  await database.prisma.alertWebhook.create({
    data: {
      partnerId: world.partners.direct.id,
      url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`,
      secretCiphertext: sealSecret("whsec_daily"),
    },
  });
  await saveAlertSettings(
    await world.scope("direct", "BILLING_ADMIN"),
    saveAlertSettingsSchema.parse({
      budgetThresholds: "50, 90, 100",
      budgetOnActual: true,
      budgetOnForecast: false,
      anomalyFactor: "1.5",
      anomalyBaselineDays: 14,
      anomalyMinimumAmount: "10",
      emailEnabled: false,
    }),
  );
  for (let date = 5; date <= 18; date++) {
    const day = `2026-11-${String(date).padStart(2, "0")}`;
    const records = Array.from({ length: 24 }, (_, hour) =>
      usageRecord({ start: `${day}T${String(hour).padStart(2, "0")}:00:00Z`, quantity: 1, resourceUri: "/vm1" }),
    );
    await unsafeIngestUsageBatch(setup.registration.id, records, { now: new Date(Date.parse(`${day}T00:30:00Z`) + 86_400_000), dayCloseHours: 48 });
  }
});
afterAll(async () => {
  for (const name of Object.keys(smtp.env)) Reflect.deleteProperty(process.env, name);
  await smtp.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

const alertKeys = async () =>
  (await database.prisma.alert.findMany({ where: { customerId: world.customers.direct.customer.id }, select: { kind: true, threshold: true, amount: true } }))
    .map((alert) => `${alert.kind}:${alert.threshold}:${alert.amount.toFixed(2)}`)
    .sort();

describe("the daily alert evaluation", () => {
  it("evaluates every partner once a day with the partner's settings, and delivers the webhooks", async () => {
    const first = await unsafeRunDailyAlertEvaluation({ now: new Date("2026-11-19T00:30:00Z") });
    expect(first).toMatchObject({ day: "2026-11-19", evaluated: true, raised: 1, delivered: 1, failed: 0 });
    // Forecast off: only the month to date (168.00 = 56 % of 300.00).
    expect(await alertKeys()).toEqual(["BUDGET_ACTUAL:50:168.00"]);
    expect(received.map((body) => (JSON.parse(body) as { type: string }).type)).toEqual(["alert.budget_actual"]);
    // E-mail off in the partner's settings: none sent, the in-app notification is there.
    expect(smtp.messages).toHaveLength(0);
    expect(await database.prisma.alertNotification.count({ where: { userId: world.users.direct.BILLING_ADMIN } })).toBe(1);
  });

  it("a second run the same day evaluates nothing and raises nothing", async () => {
    const again = await unsafeRunDailyAlertEvaluation({ now: new Date("2026-11-19T09:00:00Z") });
    expect(again).toMatchObject({ evaluated: false, raised: 0, delivered: 0 });
    expect(await alertKeys()).toEqual(["BUDGET_ACTUAL:50:168.00"]);
    expect(received).toHaveLength(1);
  });

  it("two processes' runs of the next day: one evaluates, never the same alert twice", async () => {
    const runs = await Promise.all([
      unsafeRunDailyAlertEvaluation({ now: new Date("2026-11-20T00:30:00Z") }),
      unsafeRunDailyAlertEvaluation({ now: new Date("2026-11-20T00:30:00Z") }),
    ]);
    expect(runs.filter((run) => run.evaluated)).toHaveLength(1);
    expect(await alertKeys()).toEqual(["BUDGET_ACTUAL:50:168.00"]);
    expect(received).toHaveLength(1);
    const lease = await database.prisma.alertDailyRun.findUniqueOrThrow({ where: { day: new Date("2026-11-20") } });
    expect(lease.finishedAt).not.toBeNull();
  });

  it("a day whose run died unfinished is re-claimed after the lease, still raising nothing twice", async () => {
    await database.prisma.alertDailyRun.create({ data: { day: new Date("2026-11-21"), startedAt: new Date("2026-11-21T00:00:00Z") } });
    expect(await unsafeRunDailyAlertEvaluation({ now: new Date("2026-11-21T00:30:00Z") })).toMatchObject({ evaluated: false });
    expect(await unsafeRunDailyAlertEvaluation({ now: new Date("2026-11-21T01:30:00Z") })).toMatchObject({ evaluated: true, raised: 0 });
    expect(await alertKeys()).toEqual(["BUDGET_ACTUAL:50:168.00"]);
  });
});

describe("POST /api/alerts/run-due", () => {
  it("answers 401 without the portal's alerts trigger token, and runs with it", async () => {
    process.env.NEXTAUTH_SECRET ??= "alerts-daily-test-secret";
    const post = (authorization?: string) =>
      runDue(new Request("http://portal.test/api/alerts/run-due", { method: "POST", headers: authorization ? { authorization } : {} }));
    for (const authorization of [undefined, "Bearer wrong", `Basic ${alertsTriggerToken()}`]) {
      const response = await post(authorization);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: "Unauthenticated" } });
    }
    const response = await post(`Bearer ${alertsTriggerToken()}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, day: new Date().toISOString().slice(0, 10) });
  });
});
