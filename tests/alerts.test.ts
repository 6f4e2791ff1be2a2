// Alerts from real ingests, hand-computed: a customer's one VM runs every hour at 0.50 an hour
// (Microsoft's price, no rate card: the customer's price too) = 12.00 a day, ingested day by day
// from Nov 5 to Nov 18. On Nov 19 a second VM doubles the day to 24.00: above 1.5 × the 14-day
// median (18.00) and the 10.00 minimum → exactly one anomaly alert, delivered to a webhook whose
// signature the receiver verifies; a replay of the same batch raises nothing new. The budget is
// 300.00; its thresholds (50/90/100 %) fire once each per period, on actual and on forecast.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { withTestWorld } from "./support/with-test-world";
import { COMMERCE, makePriceList, makeUsageRegistration, usageRecord } from "./support/usage-fixtures";
import type { World } from "./support/world";
import type { Database } from "../lib/database/open-database";
import { unsafeIngestUsageBatch } from "../lib/usage/unsafe-ingest-usage-batch";
import { unsafeSyncLocalSubscriptions } from "../lib/usage/unsafe-sync-local-subscriptions";
import { unsafeRaiseAlertsAfterIngest } from "../lib/alerts/unsafe-raise-alerts-after-ingest";
import { unsafeDeliverAlertWebhooks, WEBHOOK_BACKOFF_MINUTES } from "../lib/alerts/unsafe-deliver-alert-webhooks";
import { alertsTriggerToken } from "../lib/alerts/alerts-trigger-token";
import { POST as runDue } from "../app/api/alerts/run-due/route";
import { verifyAlertSignature, ALERT_SIGNATURE_HEADER } from "../lib/alerts/sign-alert-payload";
import { sealSecret } from "../lib/stamps/secret-box";
import { crossedThresholds, judgeAnomaly, median, DEFAULT_ALERT_SETTINGS } from "../lib/alerts/alert-rules";
import Decimal from "decimal.js";
import { startSmtpSink, type SmtpSink } from "./support/smtp-sink";

let database: Database;
let world: World;
withTestWorld((context) => ({ database, world } = context));

const WEBHOOK_SECRET = "whsec-test";
const received: { body: string; signature: string }[] = [];
let answer = 204;
const receiver = createServer((request: IncomingMessage, response) => {
  let body = "";
  request.on("data", (chunk: Buffer) => (body += chunk.toString()));
  request.on("end", () => {
    received.push({ body, signature: String(request.headers[ALERT_SIGNATURE_HEADER] ?? "") });
    response.writeHead(answer).end();
  });
});
let registrationId: string;
let smtp: SmtpSink;

const day = (date: string, resource: string) =>
  Array.from({ length: 24 }, (_, hour) => usageRecord({ start: `${date}T${String(hour).padStart(2, "0")}:00:00Z`, quantity: 1, resourceUri: resource }));
const ingestDay = (date: string, resources: string[]) =>
  unsafeIngestUsageBatch(
    registrationId,
    resources.flatMap((resource) => day(date, resource)),
    { now: new Date(Date.parse(`${date}T00:30:00Z`) + 86_400_000), dayCloseHours: 48 },
  );

beforeAll(async () => {
  process.env.STACKCENTER_SECRET_KEY ??= "alerts-test-key";
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  smtp = await startSmtpSink();
  Object.assign(process.env, smtp.env);
  const setup = await makeUsageRegistration(database.prisma, world);
  registrationId = setup.registration.id;
  await makePriceList(database.prisma, { market: "US", currency: "USD", effectiveFrom: "2026-01-01", prices: { [COMMERCE.vm]: "0.5" } });
  await unsafeSyncLocalSubscriptions(registrationId, {
    value: [{ subscriptionId: "tenant-sub-1", tenantId: setup.tenantId, isProviderSubscription: false, displayName: "Tenant" }],
  });
  const customerId = world.customers.direct.customer.id;
  await database.prisma.customerBudget.create({ data: { customerId, monthlyAmount: "300", currency: "USD" } });
  await database.prisma.alertWebhook.create({
    data: {
      partnerId: world.partners.direct.id,
      url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`,
      secretCiphertext: sealSecret(WEBHOOK_SECRET),
    },
  });
  for (let date = 5; date <= 18; date++) await ingestDay(`2026-11-${String(date).padStart(2, "0")}`, ["/vm1"]);
});
afterAll(async () => {
  for (const name of Object.keys(smtp.env)) Reflect.deleteProperty(process.env, name);
  await smtp.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

const alerts = () =>
  database.prisma.alert.findMany({
    where: { customerId: world.customers.direct.customer.id },
    select: { kind: true, threshold: true, amount: true, reference: true, day: true },
  });

describe("alerts raised by ingests", () => {
  it("normal days raise no anomaly; the budget thresholds crossed so far fire", async () => {
    // Nov 19 00:30: month to date 14 × 12 = 168.00 (56 %), forecast 168 / 19 days × 30 = 265.26 (88 %).
    expect(await unsafeRaiseAlertsAfterIngest(registrationId, new Date("2026-11-19T00:30:00Z"))).toHaveLength(2);
    expect((await alerts()).map((alert) => `${alert.kind}:${alert.threshold}:${alert.amount.toFixed(2)}`).sort()).toEqual([
      "BUDGET_ACTUAL:50:168.00",
      "BUDGET_FORECAST:50:265.26",
    ]);
  });

  it("doubling a day raises exactly one anomaly, delivered signed to the webhook; a replay raises nothing", async () => {
    received.length = 0;
    await ingestDay("2026-11-19", ["/vm1", "/vm2"]);
    const now = new Date("2026-11-20T12:00:00Z");
    await unsafeRaiseAlertsAfterIngest(registrationId, now);
    const anomalies = (await alerts()).filter((alert) => alert.kind === "ANOMALY");
    expect(anomalies.map((alert) => [alert.day?.toISOString().slice(0, 10), alert.amount.toFixed(2), alert.reference.toFixed(2)])).toEqual([
      ["2026-11-19", "24.00", "12.00"],
    ]);
    const bodies = received.map((request) => JSON.parse(request.body) as { type: string; amount: string; day: string | null });
    expect(bodies.filter((body) => body.type === "alert.anomaly")).toEqual([expect.objectContaining({ amount: "24.00", day: "2026-11-19" })]);
    for (const request of received) expect(verifyAlertSignature(WEBHOOK_SECRET, request.body, request.signature, Math.floor(now.getTime() / 1000))).toBe(true);
    expect(verifyAlertSignature("another-secret", received[0].body, received[0].signature, Math.floor(now.getTime() / 1000))).toBe(false);

    // The same alert by e-mail to the partner's admins, through the SMTP server invoices use.
    const anomalyMails = smtp.messages.filter((mail) => mail.subject?.includes("unusually expensive day"));
    expect(anomalyMails).toHaveLength(1);
    expect(anomalyMails[0].text).toMatch(/were USD\s24\.00, against a baseline \(median\) of USD\s12\.00 a day/);

    const replay = await ingestDay("2026-11-19", ["/vm1", "/vm2"]);
    expect(replay).toMatchObject({ accepted: 0, duplicate: 48 });
    expect(await unsafeRaiseAlertsAfterIngest(registrationId, now)).toEqual([]);
    expect(smtp.messages.filter((mail) => mail.subject?.includes("unusually expensive day"))).toHaveLength(1);
  });

  it("budget thresholds fire once each per period, on actual and on forecast", async () => {
    // Nov 20 noon: month to date 192.00 (64 %) crosses nothing new; the forecast 288.00 (96 %) crosses 90 %.
    const budget = (await alerts()).filter((alert) => alert.kind !== "ANOMALY").map((alert) => `${alert.kind}:${alert.threshold}:${alert.amount.toFixed(2)}`);
    expect(budget.sort()).toEqual(["BUDGET_ACTUAL:50:168.00", "BUDGET_FORECAST:50:265.26", "BUDGET_FORECAST:90:288.00"]);
    expect(await unsafeRaiseAlertsAfterIngest(registrationId, new Date("2026-11-20T13:00:00Z"))).toEqual([]);
  });

  it("each new alert is in the partner's admins' notifications", async () => {
    const users = await database.prisma.user.findMany({
      where: { partnerId: world.partners.direct.id, role: { in: ["ADMIN_AGENT", "BILLING_ADMIN"] } },
      select: { id: true },
    });
    const notifications = await database.prisma.alertNotification.count({ where: { userId: { in: users.map((user) => user.id) } } });
    expect(notifications).toBe(users.length * (await alerts()).length);
    const others = await database.prisma.alertNotification.count({ where: { user: { partnerId: { not: world.partners.direct.id } } } });
    expect(others).toBe(0);
  });
});

describe("webhook retries", () => {
  it("retries a failing receiver with backoff, logging the status code, and gives up after six attempts", async () => {
    answer = 500;
    const alert = await database.prisma.alert.findFirstOrThrow({ where: { customerId: world.customers.direct.customer.id }, select: { id: true } });
    const webhook = await database.prisma.alertWebhook.findFirstOrThrow({ select: { id: true } });
    const delivery = await database.prisma.alertDelivery.create({
      data: { alertId: alert.id, webhookId: webhook.id, nextAttemptAt: new Date("2026-11-21T00:00:00Z") },
    });
    let at = new Date("2026-11-21T00:00:00Z");
    for (let attempt = 1; attempt <= 6; attempt++) {
      await unsafeDeliverAlertWebhooks({ now: at });
      const row = await database.prisma.alertDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
      expect(row).toMatchObject({ attempts: attempt, lastStatusCode: 500 });
      if (attempt <= WEBHOOK_BACKOFF_MINUTES.length) {
        expect(row.status).toBe("PENDING");
        expect(row.nextAttemptAt?.getTime()).toBe(at.getTime() + WEBHOOK_BACKOFF_MINUTES[attempt - 1] * 60_000);
        at = row.nextAttemptAt!;
      } else {
        expect(row.status).toBe("FAILED");
      }
    }
    answer = 204;
  });

  it("the schedule's trigger route answers 401 without the alerts trigger token, and sends the due retries with it", async () => {
    vi.stubEnv("NEXTAUTH_SECRET", "test-secret-for-the-alert-trigger");
    const alert = await database.prisma.alert.findFirstOrThrow({ where: { customerId: world.customers.direct.customer.id }, select: { id: true } });
    const webhook = await database.prisma.alertWebhook.findFirstOrThrow({ select: { id: true } });
    const due = await database.prisma.alertDelivery.create({
      data: { alertId: alert.id, webhookId: webhook.id, attempts: 1, nextAttemptAt: new Date(Date.now() - 60_000) },
    });
    const call = (token?: string) =>
      runDue(new Request("http://portal.test/api/alerts/run-due", { method: "POST", headers: token ? { authorization: `Bearer ${token}` } : {} }));
    expect((await call()).status).toBe(401);
    expect((await call("sc_demo_wrong")).status).toBe(401);
    const response = await call(alertsTriggerToken() ?? "");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, delivered: 1, failed: 0 });
    expect(await database.prisma.alertDelivery.findUniqueOrThrow({ where: { id: due.id }, select: { status: true, attempts: true } })).toEqual({
      status: "DELIVERED",
      attempts: 2,
    });
    vi.unstubAllEnvs();
  });
});

describe("the rules", () => {
  it("judges thresholds, medians and anomalies", () => {
    expect(crossedThresholds(new Decimal("90"), new Decimal("100"), [100, 50, 90])).toEqual([50, 90]);
    expect(median([3, 1, 2, 10].map((value) => new Decimal(value))).toFixed()).toBe("2.5");
    const flat = Array.from({ length: 14 }, () => new Decimal(12));
    expect(judgeAnomaly(new Decimal(18), flat, DEFAULT_ALERT_SETTINGS).anomaly).toBe(false);
    expect(judgeAnomaly(new Decimal("18.01"), flat, DEFAULT_ALERT_SETTINGS).anomaly).toBe(true);
    // Too little history: a new customer's first busy day is no anomaly.
    expect(judgeAnomaly(new Decimal(100), [...Array.from({ length: 8 }, () => new Decimal(0)), ...flat.slice(0, 6)], DEFAULT_ALERT_SETTINGS).anomaly).toBe(
      false,
    );
  });
});
