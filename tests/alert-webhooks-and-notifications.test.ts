// Settings → Alerts and Webhooks, and the notifications list, through their lib functions:
// settings saved and validated; a webhook's URL checked, its secret sealed and shown once, rotated,
// a test event signed with it, disabled and deleted; the delivery log; notifications described,
// counted and marked read (one, then all).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTestWorld } from "./support/with-test-world";
import type { World } from "./support/world";
import type { Database } from "../lib/database/open-database";
import type { PartnerScope } from "../lib/auth/partner-scope";
import { saveAlertSettingsSchema } from "../lib/alerts/alert-schemas";
import { saveAlertSettings } from "../lib/alerts/save-alert-settings";
import { getAlertSettings } from "../lib/alerts/get-alert-settings";
import { createAlertWebhook } from "../lib/alerts/create-alert-webhook";
import { rotateAlertWebhookSecret } from "../lib/alerts/rotate-alert-webhook-secret";
import { sendTestAlertWebhook } from "../lib/alerts/send-test-alert-webhook";
import { setAlertWebhookActive } from "../lib/alerts/set-alert-webhook-active";
import { deleteAlertWebhook } from "../lib/alerts/delete-alert-webhook";
import { listAlertWebhooks } from "../lib/alerts/list-alert-webhooks";
import { listAlertDeliveries } from "../lib/alerts/list-alert-deliveries";
import { listNotifications } from "../lib/alerts/list-notifications";
import { countUnreadNotifications } from "../lib/alerts/count-unread-notifications";
import { markNotificationsRead } from "../lib/alerts/mark-notifications-read";
import { ALERT_SIGNATURE_HEADER, verifyAlertSignature } from "../lib/alerts/sign-alert-payload";
import { openSecret } from "../lib/stamps/secret-box";

let database: Database;
let world: World;
let admin: PartnerScope;
withTestWorld((context) => ({ database, world } = context));

const received: { body: string; signature: string }[] = [];
const receiver = createServer((request, response) => {
  let body = "";
  request.on("data", (chunk: Buffer) => (body += chunk.toString()));
  request.on("end", () => {
    received.push({ body, signature: String(request.headers[ALERT_SIGNATURE_HEADER] ?? "") });
    response.writeHead(202).end();
  });
});
let receiverUrl: string;

beforeAll(async () => {
  process.env.STACKCENTER_SECRET_KEY ??= "alert-webhooks-test-key";
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  admin = await world.scope("direct", "BILLING_ADMIN");
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

describe("alert settings", () => {
  it("shows the defaults until saved, then the saved values", async () => {
    expect(await getAlertSettings(admin)).toMatchObject({ budgetThresholds: [50, 90, 100], anomalyFactor: "1.50", anomalyBaselineDays: 14, saved: false });
    const input = saveAlertSettingsSchema.parse({
      budgetThresholds: "100, 75,75 ,50",
      budgetOnActual: "on",
      anomalyFactor: "2.5",
      anomalyBaselineDays: "21",
      anomalyMinimumAmount: "25.5",
      notifyCustomerUsers: "on",
    });
    await saveAlertSettings(admin, input);
    expect(await getAlertSettings(admin)).toMatchObject({
      budgetThresholds: [50, 75, 100],
      budgetOnActual: true,
      budgetOnForecast: false,
      anomalyFactor: "2.50",
      anomalyBaselineDays: 21,
      anomalyMinimumAmount: "25.50",
      emailEnabled: false,
      notifyCustomerUsers: true,
      saved: true,
    });
    expect(await database.prisma.auditEvent.count({ where: { action: "alertSettings.update", partnerId: world.partners.direct.id } })).toBe(1);
  });

  it("refuses bad input field by field", () => {
    const result = saveAlertSettingsSchema.safeParse({
      budgetThresholds: "50, ninety",
      budgetOnActual: "on",
      anomalyFactor: "0.5",
      anomalyBaselineDays: "3",
      anomalyMinimumAmount: "-1",
    });
    expect(result.success).toBe(false);
    const fields = new Set(result.error?.issues.map((issue) => issue.path[0]));
    expect([...fields].sort()).toEqual(["anomalyBaselineDays", "anomalyFactor", "anomalyMinimumAmount", "budgetThresholds"]);
    expect(
      saveAlertSettingsSchema.safeParse({ budgetThresholds: "50", anomalyFactor: "2", anomalyBaselineDays: 14, anomalyMinimumAmount: "1" }).error?.issues[0]
        ?.path,
    ).toEqual(["budgetOnActual"]);
  });

  it("a sales agent may not change them", async () => {
    await expect(getAlertSettings(await world.scope("direct", "SALES_AGENT"))).rejects.toMatchObject({ code: "Forbidden" });
  });
});

describe("webhooks", () => {
  it("refuses http to another host, credentials in the URL and garbage", async () => {
    for (const url of ["http://hooks.example.com/x", "ftp://127.0.0.1/x", "https://user:pw@hooks.example.com/x", "not a url"]) {
      await expect(createAlertWebhook(admin, { url })).rejects.toMatchObject({ fields: { url: expect.any(String) } });
    }
    expect(await listAlertWebhooks(admin)).toEqual([]);
  });

  it("stores the secret sealed, shows it once, signs test events with it, and rotates it", async () => {
    const created = await createAlertWebhook(admin, { url: receiverUrl });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const stored = await database.prisma.alertWebhook.findUniqueOrThrow({ where: { id: created.id }, select: { secretCiphertext: true } });
    expect(stored.secretCiphertext).not.toContain(created.secret);
    expect(openSecret(stored.secretCiphertext)).toBe(created.secret);
    expect(JSON.stringify(await listAlertWebhooks(admin))).not.toContain(created.secret);

    const test = await sendTestAlertWebhook(admin, created.id);
    expect(test).toMatchObject({ statusCode: 202, ok: true, error: null });
    const now = Math.floor(Date.now() / 1000);
    expect(JSON.parse(received[0].body)).toMatchObject({ type: "alert.test" });
    expect(verifyAlertSignature(created.secret, received[0].body, received[0].signature, now)).toBe(true);

    const rotated = await rotateAlertWebhookSecret(admin, created.id);
    expect(rotated.secret).not.toBe(created.secret);
    await sendTestAlertWebhook(admin, created.id);
    expect(verifyAlertSignature(rotated.secret, received[1].body, received[1].signature, now)).toBe(true);
    expect(verifyAlertSignature(created.secret, received[1].body, received[1].signature, now)).toBe(false);
  });

  it("a disabled webhook gets no new deliveries; deleting it drops its log", async () => {
    const [webhook] = await listAlertWebhooks(admin);
    const customerId = world.customers.direct.customer.id;
    const alert = await database.prisma.alert.create({
      data: {
        partnerId: world.partners.direct.id,
        customerId,
        kind: "ANOMALY",
        period: "2026-11",
        day: new Date("2026-11-19"),
        amount: "24",
        reference: "12",
        currency: "USD",
        rule: { rule: "day's charges > factor × median", factor: "1.5", baselineDays: 14, minimumAmount: "10.00" },
        dedupeKey: `ANOMALY:${customerId}:2026-11-19`,
      },
    });
    await database.prisma.alertDelivery.create({
      data: {
        alertId: alert.id,
        webhookId: webhook.id,
        attempts: 2,
        lastStatusCode: 503,
        lastError: "HTTP 503",
        nextAttemptAt: new Date("2026-11-20T00:05:00Z"),
      },
    });
    expect(await listAlertDeliveries(admin)).toEqual([
      expect.objectContaining({ alertKind: "ANOMALY", status: "PENDING", attempts: 2, lastStatusCode: 503, webhookUrl: receiverUrl }),
    ]);
    expect(await setAlertWebhookActive(admin, { webhookId: webhook.id, active: false })).toEqual({ id: webhook.id, active: false });
    expect((await listAlertWebhooks(admin))[0]).toMatchObject({ active: false, deliveries: 1 });
    await deleteAlertWebhook(admin, webhook.id);
    expect(await listAlertWebhooks(admin)).toEqual([]);
    expect(await listAlertDeliveries(admin)).toEqual([]);
    expect(await database.prisma.alert.count({ where: { id: alert.id } })).toBe(1);
  });
});

describe("notifications", () => {
  it("lists the user's own, described with the rule, and marks one then all read", async () => {
    const alerts = await database.prisma.alert.findMany({ where: { partnerId: world.partners.direct.id }, select: { id: true } });
    const customerId = world.customers.direct.customer.id;
    const budget = await database.prisma.alert.create({
      data: {
        partnerId: world.partners.direct.id,
        customerId,
        kind: "BUDGET_FORECAST",
        period: "2026-11",
        threshold: 90,
        amount: "288",
        reference: "300",
        currency: "USD",
        rule: { rule: "month-end forecast ≥ threshold × budget", thresholdPercent: 90 },
        dedupeKey: `BUDGET_FORECAST:${customerId}:2026-11:90`,
      },
    });
    const userId = admin.userId;
    await database.prisma.alertNotification.createMany({ data: [...alerts, budget].map((alert) => ({ alertId: alert.id, userId })) });
    expect(await countUnreadNotifications(admin)).toBe(2);
    const { rows, total } = await listNotifications(admin);
    expect(total).toBe(2);
    expect(rows.map((row) => row.alert.kind).sort()).toEqual(["ANOMALY", "BUDGET_FORECAST"]);
    expect(rows.find((row) => row.alert.kind === "ANOMALY")?.alert).toMatchObject({
      day: "2026-11-19",
      amount: "24.00",
      reference: "12.00",
      rule: { factor: "1.5" },
    });

    expect(await markNotificationsRead(admin, { notificationId: rows[0].id })).toEqual({ marked: 1 });
    expect(await countUnreadNotifications(admin)).toBe(1);
    expect(await markNotificationsRead(admin, { notificationId: rows[0].id })).toEqual({ marked: 0 });
    expect(await markNotificationsRead(admin, { all: true })).toEqual({ marked: 1 });
    expect(await countUnreadNotifications(admin)).toBe(0);
    expect((await listNotifications(admin, { unreadOnly: true })).total).toBe(0);
  });
});
