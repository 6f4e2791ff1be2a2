// Audit-coverage cases for lib/alerts/actions.ts: each builds a fresh direct CSP with a billing
// admin (and, where needed, an alert, its notification or a webhook), so cases never collide.
import { resolvePartnerScope, type PartnerScope } from "../../lib/auth/partner-scope";
import { sealSecret } from "../../lib/stamps/secret-box";
import { makeCustomer, makePartner, makeUser } from "../support/factories";
import type { AuditCaseContext, AuditCases } from "./types";

async function freshPartner({ prisma }: AuditCaseContext): Promise<{ scope: PartnerScope; partnerId: string; customerId: string }> {
  process.env.STACKCENTER_SECRET_KEY ??= "audit-coverage-secret-key";
  const partner = await makePartner(prisma, { kind: "DIRECT_CSP" });
  const user = await makeUser(prisma, { partnerId: partner.id, role: "BILLING_ADMIN" });
  const customer = await makeCustomer(prisma, { partnerId: partner.id });
  const scope = await resolvePartnerScope(prisma, { userId: user.id });
  if (!scope) throw new Error("no scope for the fresh partner");
  return { scope, partnerId: partner.id, customerId: customer.id };
}

async function freshWebhook(context: AuditCaseContext): Promise<{ scope: PartnerScope; webhookId: string }> {
  const { scope, partnerId } = await freshPartner(context);
  // Port 9 (discard) on this machine: the test event fails at once, and is audited all the same.
  const webhook = await context.prisma.alertWebhook.create({
    data: { partnerId, url: "http://127.0.0.1:9/hooks", secretCiphertext: sealSecret("whsec_audit") },
    select: { id: true },
  });
  return { scope, webhookId: webhook.id };
}

export const auditCases: AuditCases = {
  "alerts/actions#markNotificationsReadAction": {
    prepare: async (context) => {
      const { scope, partnerId, customerId } = await freshPartner(context);
      const alert = await context.prisma.alert.create({
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
        select: { id: true },
      });
      const notification = await context.prisma.alertNotification.create({ data: { alertId: alert.id, userId: scope.userId }, select: { id: true } });
      return { scope, input: { notificationId: notification.id } };
    },
    expectedAuditAction: "notification.read",
  },
  "alerts/actions#markMyNotificationsReadAction": {
    prepare: async (context) => {
      const { partnerId, customerId } = await freshPartner(context);
      const reader = await makeUser(context.prisma, { partnerId, role: "CUSTOMER_READER", customerId });
      const scope = await resolvePartnerScope(context.prisma, { userId: reader.id });
      if (!scope) throw new Error("no scope for the customer reader");
      const alert = await context.prisma.alert.create({
        data: {
          partnerId,
          customerId,
          kind: "ANOMALY",
          period: "2026-11",
          day: new Date("2026-11-19T00:00:00Z"),
          amount: "24",
          reference: "12",
          currency: "USD",
          rule: { rule: "day > k × median and > minimum", k: 1.5 },
          dedupeKey: `ANOMALY:${customerId}:2026-11-19`,
        },
        select: { id: true },
      });
      const notification = await context.prisma.alertNotification.create({ data: { alertId: alert.id, userId: reader.id }, select: { id: true } });
      return { scope, input: { notificationId: notification.id } };
    },
    expectedAuditAction: "notification.read",
  },
  "alerts/actions#saveAlertSettingsAction": {
    prepare: async (context) => {
      const { scope } = await freshPartner(context);
      return {
        scope,
        input: {
          budgetThresholds: "50, 90, 100",
          budgetOnActual: "on",
          budgetOnForecast: "on",
          anomalyFactor: "2",
          anomalyBaselineDays: "14",
          anomalyMinimumAmount: "25.00",
          emailEnabled: "on",
        },
      };
    },
    expectedAuditAction: "alertSettings.update",
  },
  "alerts/actions#createAlertWebhookAction": {
    prepare: async (context) => ({ scope: (await freshPartner(context)).scope, input: { url: "https://hooks.example.com/stackcenter" } }),
    expectedAuditAction: "alertWebhook.create",
  },
  "alerts/actions#setAlertWebhookActiveAction": {
    prepare: async (context) => {
      const { scope, webhookId } = await freshWebhook(context);
      return { scope, input: { webhookId, active: false } };
    },
    expectedAuditAction: "alertWebhook.disable",
  },
  "alerts/actions#deleteAlertWebhookAction": {
    prepare: async (context) => {
      const { scope, webhookId } = await freshWebhook(context);
      return { scope, input: { webhookId } };
    },
    expectedAuditAction: "alertWebhook.delete",
  },
  "alerts/actions#rotateAlertWebhookSecretAction": {
    prepare: async (context) => {
      const { scope, webhookId } = await freshWebhook(context);
      return { scope, input: { webhookId } };
    },
    expectedAuditAction: "alertWebhook.rotateSecret",
  },
  "alerts/actions#sendTestAlertWebhookAction": {
    prepare: async (context) => {
      const { scope, webhookId } = await freshWebhook(context);
      return { scope, input: { webhookId } };
    },
    expectedAuditAction: "alertWebhook.test",
  },
};
