// A partner's alerts, notifications, webhooks and deliveries are its own: another partner's (or
// another user's) are unreachable by id, action argument or list; a reseller never hears of the
// distributor's customers' alerts, nor the distributor of its resellers'. Foreign ids answer
// NotFound like unknown ones. (No alerts page takes an id in its URL: the lists are the user's and
// the partner's own.)
import { beforeAll, describe, expect, it, vi } from "vitest";
import { withTestWorld } from "./support/with-test-world";
import { testSession } from "./support/mock-session";
import type { World } from "./support/world";
import type { Database } from "../lib/database/open-database";
import { sealSecret } from "../lib/stamps/secret-box";
import { listNotifications } from "../lib/alerts/list-notifications";
import { countUnreadNotifications } from "../lib/alerts/count-unread-notifications";
import { markNotificationsRead } from "../lib/alerts/mark-notifications-read";
import { listAlertWebhooks } from "../lib/alerts/list-alert-webhooks";
import { listAlertDeliveries } from "../lib/alerts/list-alert-deliveries";
import { setAlertWebhookActive } from "../lib/alerts/set-alert-webhook-active";
import { deleteAlertWebhook } from "../lib/alerts/delete-alert-webhook";
import { rotateAlertWebhookSecret } from "../lib/alerts/rotate-alert-webhook-secret";
import { sendTestAlertWebhook } from "../lib/alerts/send-test-alert-webhook";
import { unsafeFindAlertRecipients } from "../lib/alerts/unsafe-find-alert-recipients";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
vi.mock("../lib/auth/get-scope", async () => (await import("./support/mock-session")).mockGetScopeModule());
const actions = await import("../lib/alerts/actions");

let database: Database;
let world: World;
withTestWorld((context) => ({ database, world } = context), { resetSession: true });

type Key = "direct" | "otherDirect" | "distributor" | "resellerA";
const KEYS: Key[] = ["direct", "otherDirect", "distributor", "resellerA"];
const alertOf = {} as Record<Key, string>;
const notificationOf = {} as Record<Key, string>;
const webhookOf = {} as Record<Key, string>;

beforeAll(async () => {
  process.env.STACKCENTER_SECRET_KEY ??= "alert-isolation-test-key";
  const { prisma } = database;
  for (const key of KEYS) {
    const partnerId = world.partners[key].id;
    const customerId = world.customers[key].customer.id;
    const alert = await prisma.alert.create({
      data: {
        partnerId,
        customerId,
        kind: "BUDGET_ACTUAL",
        period: "2026-11",
        threshold: 50,
        amount: "150",
        reference: "300",
        currency: "USD",
        rule: { rule: "month to date ≥ threshold × budget", thresholdPercent: 50 },
        dedupeKey: `BUDGET_ACTUAL:${customerId}:2026-11:50`,
      },
    });
    alertOf[key] = alert.id;
    const recipients = await unsafeFindAlertRecipients(prisma, [alert]);
    await prisma.alertNotification.createMany({ data: recipients.map((recipient) => ({ alertId: alert.id, userId: recipient.userId })) });
    notificationOf[key] = (
      await prisma.alertNotification.findFirstOrThrow({ where: { alertId: alert.id, userId: world.users[key].BILLING_ADMIN }, select: { id: true } })
    ).id;
    const webhook = await prisma.alertWebhook.create({
      data: { partnerId, url: `https://hooks.example.com/${key}`, secretCiphertext: sealSecret(`whsec_${key}`) },
    });
    webhookOf[key] = webhook.id;
    await prisma.alertDelivery.create({ data: { alertId: alert.id, webhookId: webhook.id, nextAttemptAt: new Date("2099-01-01") } });
  }
});

describe("an alert's recipients are its customer's own partner's admins", () => {
  it("a reseller's customer's alert reaches the reseller, never the distributor; and the other way round", async () => {
    const userIdsOf = async (key: Key) =>
      (await database.prisma.alertNotification.findMany({ where: { alertId: alertOf[key] }, select: { userId: true } })).map((row) => row.userId).sort();
    expect(await userIdsOf("resellerA")).toEqual([world.users.resellerA.ADMIN_AGENT, world.users.resellerA.BILLING_ADMIN].sort());
    expect(await userIdsOf("distributor")).toEqual([world.users.distributor.ADMIN_AGENT, world.users.distributor.BILLING_ADMIN].sort());
  });

  it("each user lists only their own notifications", async () => {
    for (const key of KEYS) {
      const { rows } = await listNotifications(await world.scope(key, "BILLING_ADMIN"));
      expect(rows.map((row) => row.id)).toEqual([notificationOf[key]]);
      expect(await countUnreadNotifications(await world.scope(key, "BILLING_ADMIN"))).toBe(1);
    }
    // A distributor narrowed to a reseller still sees only its own notifications.
    const narrowed = await listNotifications(await world.scope("distributor", "BILLING_ADMIN", world.partners.resellerA.id));
    expect(narrowed.rows.map((row) => row.alert.customerId)).toEqual([world.customers.distributor.customer.id]);
  });
});

describe("foreign ids are not found", () => {
  it("another partner's or another user's notification can't be marked read, by function or action", async () => {
    const direct = await world.scope("direct", "BILLING_ADMIN");
    for (const key of ["otherDirect", "distributor", "resellerA"] as const) {
      await expect(markNotificationsRead(direct, { notificationId: notificationOf[key] })).rejects.toMatchObject({ code: "NotFound" });
    }
    // The same partner's admin agent: not their notification either.
    await expect(markNotificationsRead(await world.scope("direct", "ADMIN_AGENT"), { notificationId: notificationOf.direct })).rejects.toMatchObject({
      code: "NotFound",
    });
    testSession.scope = await world.scope("resellerA", "BILLING_ADMIN");
    expect(await actions.markNotificationsReadAction({ notificationId: notificationOf.distributor })).toMatchObject({ ok: false, error: { code: "NotFound" } });
    // "Mark all" marks the caller's own only.
    expect(await actions.markNotificationsReadAction({ all: true })).toEqual({ ok: true, data: { marked: 1 } });
    expect(await database.prisma.alertNotification.count({ where: { readAt: { not: null } } })).toBe(1);
  });

  it("another partner's webhook can't be listed, disabled, deleted, rotated or tested", async () => {
    const reseller = await world.scope("resellerA", "BILLING_ADMIN");
    expect((await listAlertWebhooks(reseller)).map((row) => row.id)).toEqual([webhookOf.resellerA]);
    expect((await listAlertDeliveries(reseller)).map((row) => row.webhookUrl)).toEqual(["https://hooks.example.com/resellerA"]);
    expect(await listAlertDeliveries(reseller, { webhookId: webhookOf.distributor })).toEqual([]);
    for (const key of ["distributor", "direct", "otherDirect"] as const) {
      const webhookId = webhookOf[key];
      await expect(setAlertWebhookActive(reseller, { webhookId, active: false })).rejects.toMatchObject({ code: "NotFound" });
      await expect(deleteAlertWebhook(reseller, webhookId)).rejects.toMatchObject({ code: "NotFound" });
      await expect(rotateAlertWebhookSecret(reseller, webhookId)).rejects.toMatchObject({ code: "NotFound" });
      await expect(sendTestAlertWebhook(reseller, webhookId, () => Promise.reject(new Error("must not send")))).rejects.toMatchObject({ code: "NotFound" });
    }
    testSession.scope = await world.scope("distributor", "ADMIN_AGENT");
    for (const call of [
      () => actions.setAlertWebhookActiveAction({ webhookId: webhookOf.resellerA, active: false }),
      () => actions.deleteAlertWebhookAction({ webhookId: webhookOf.resellerA }),
      () => actions.rotateAlertWebhookSecretAction({ webhookId: webhookOf.resellerA }),
      () => actions.sendTestAlertWebhookAction({ webhookId: webhookOf.resellerA }),
    ]) {
      expect(await call()).toMatchObject({ ok: false, error: { code: "NotFound" } });
    }
    const untouched = await database.prisma.alertWebhook.findMany({ select: { active: true } });
    expect(untouched).toHaveLength(KEYS.length);
    expect(untouched.every((webhook) => webhook.active)).toBe(true);
  });

  it("sales agents and operators manage no alert settings or webhooks", async () => {
    testSession.scope = await world.scope("direct", "SALES_AGENT");
    expect(await actions.createAlertWebhookAction({ url: "https://hooks.example.com/x" })).toMatchObject({ ok: false, error: { code: "Forbidden" } });
    expect(await actions.markNotificationsReadAction({ all: true })).toMatchObject({ ok: false, error: { code: "Forbidden" } });
    testSession.scope = await world.operatorScope();
    expect(await actions.deleteAlertWebhookAction({ webhookId: webhookOf.direct })).toMatchObject({ ok: false, error: { code: "Forbidden" } });
  });
});
