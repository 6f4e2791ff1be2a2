// Isolation rule: a customer reader hears of an alert only when its partner turned "also notify the
// customer's users" on, only of its own customer's alerts, and in a message of its own: the
// partner's users' addresses and pages never reach it. The reader reads and marks its notification
// in the customer portal; the partner's notifications page and action stay 404 to it.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { withTestWorld } from "./support/with-test-world";
import type { World } from "./support/world";
import type { Database } from "../lib/database/open-database";
import { makeCustomer, makeUser } from "./support/factories";
import { makeCustomerReader } from "./support/customer-reader-fixtures";
import { startSmtpSink, type SmtpSink } from "./support/smtp-sink";
import { testSession } from "./support/mock-session";
import { resolvePartnerScope } from "../lib/auth/partner-scope";
import { unsafeFindAlertRecipients } from "../lib/alerts/unsafe-find-alert-recipients";
import { unsafeEmailAlerts } from "../lib/alerts/unsafe-email-alerts";
import { listNotifications } from "../lib/alerts/list-notifications";
import { markMyNotificationsReadAction, markNotificationsReadAction } from "../lib/alerts/actions";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("../lib/auth/get-scope", async () => (await import("./support/mock-session")).mockGetScopeModule());

let database: Database;
let world: World;
withTestWorld((context) => ({ database, world } = context));

let smtp: SmtpSink;
let readerId: string;
let otherCustomerReaderId: string;
let otherPartnerReaderId: string;

beforeAll(async () => {
  smtp = await startSmtpSink();
  Object.assign(process.env, smtp.env);
  readerId = (await makeCustomerReader(database.prisma, world, "direct")).userId;
  otherPartnerReaderId = (await makeCustomerReader(database.prisma, world, "resellerA")).userId;
  const sibling = await makeCustomer(database.prisma, { partnerId: world.partners.direct.id });
  otherCustomerReaderId = (await makeUser(database.prisma, { role: "CUSTOMER_READER", partnerId: world.partners.direct.id, customerId: sibling.id })).id;
});
afterAll(async () => {
  for (const name of Object.keys(smtp.env)) Reflect.deleteProperty(process.env, name);
  await smtp.close();
});

async function raiseAlert(period: string) {
  const customerId = world.customers.direct.customer.id;
  return database.prisma.alert.create({
    data: {
      partnerId: world.partners.direct.id,
      customerId,
      kind: "BUDGET_ACTUAL",
      period,
      threshold: 90,
      amount: "270",
      reference: "300",
      currency: "USD",
      rule: { rule: "month to date ≥ threshold × budget", thresholdPercent: 90 },
      dedupeKey: `BUDGET_ACTUAL:${customerId}:${period}:90`,
    },
    select: { id: true, partnerId: true, customerId: true },
  });
}

const setNotifyCustomerUsers = (on: boolean) =>
  database.prisma.alertSettings.upsert({
    where: { partnerId: world.partners.direct.id },
    create: { partnerId: world.partners.direct.id, notifyCustomerUsers: on },
    update: { notifyCustomerUsers: on },
  });

describe("customer readers hear only their customer's alerts, and only where the partner says so", () => {
  it("no reader is a recipient while the switch is off", async () => {
    await setNotifyCustomerUsers(false);
    const alert = await raiseAlert("2026-09");
    const recipients = await unsafeFindAlertRecipients(database.prisma, [alert]);
    expect(recipients.map((recipient) => recipient.audience)).not.toContain("customer");
    expect(recipients.map((recipient) => recipient.userId).sort()).toEqual([world.users.direct.ADMIN_AGENT, world.users.direct.BILLING_ADMIN].sort());
  });

  it("with the switch on, the alert's customer's reader is one, never another customer's or another partner's", async () => {
    await setNotifyCustomerUsers(true);
    const alert = await raiseAlert("2026-10");
    const recipients = await unsafeFindAlertRecipients(database.prisma, [alert]);
    const readers = recipients.filter((recipient) => recipient.audience === "customer").map((recipient) => recipient.userId);
    expect(readers).toEqual([readerId]);
    expect(recipients.map((recipient) => recipient.userId)).not.toContain(otherCustomerReaderId);
    expect(recipients.map((recipient) => recipient.userId)).not.toContain(otherPartnerReaderId);
  });

  it("the reader's e-mail is its own message, linking to its portal, without the partner's users", async () => {
    await setNotifyCustomerUsers(true);
    const alert = await raiseAlert("2026-11");
    smtp.messages.length = 0;
    expect(await unsafeEmailAlerts([alert.id])).toBe(2);
    const reader = await database.prisma.user.findUniqueOrThrow({ where: { id: readerId }, select: { email: true } });
    const admins = await database.prisma.user.findMany({
      where: { id: { in: [world.users.direct.ADMIN_AGENT, world.users.direct.BILLING_ADMIN] } },
      select: { email: true },
    });
    const toReader = smtp.messages.filter((mail) => JSON.stringify(mail.to).includes(reader.email));
    expect(toReader).toHaveLength(1);
    const headers = JSON.stringify(toReader[0].to) + JSON.stringify(toReader[0].cc ?? "");
    for (const admin of admins) expect(headers).not.toContain(admin.email);
    expect(toReader[0].text).toContain("/my/costs");
    expect(toReader[0].text).not.toContain("/customers/");
    const toAdmins = smtp.messages.find((mail) => !JSON.stringify(mail.to).includes(reader.email));
    expect(toAdmins?.text).toContain(`/customers/${world.customers.direct.customer.id}/usage`);
  });

  it("the reader reads and marks its notification in the customer portal; the partner's action is 404 to it", async () => {
    const alert = await raiseAlert("2026-08");
    const notification = await database.prisma.alertNotification.create({ data: { alertId: alert.id, userId: readerId }, select: { id: true } });
    const readerScope = await resolvePartnerScope(database.prisma, { userId: readerId });
    if (!readerScope) throw new Error("no reader scope");
    const { rows } = await listNotifications(readerScope);
    expect(rows.map((row) => row.id)).toContain(notification.id);

    testSession.scope = readerScope;
    const refused = await markNotificationsReadAction({ notificationId: notification.id });
    expect(refused.ok ? "ok" : refused.error.code).toBe("NotFound");
    const marked = await markMyNotificationsReadAction({ notificationId: notification.id });
    expect(marked).toEqual({ ok: true, data: { marked: 1 } });

    // Another user's notification is not found for the reader.
    const adminNotification = await database.prisma.alertNotification.create({
      data: { alertId: alert.id, userId: world.users.direct.BILLING_ADMIN },
      select: { id: true },
    });
    const foreign = await markMyNotificationsReadAction({ notificationId: adminNotification.id });
    expect(foreign.ok ? "ok" : foreign.error.code).toBe("NotFound");
  });
});
