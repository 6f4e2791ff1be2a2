import "server-only";
// The delivery log of the caller's partner's webhooks, newest first: each alert's delivery with
// its attempts, last response status code or error, next retry time, or delivered / given up.
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import type { AlertDeliveryStatus, AlertKind } from "../../generated/prisma/enums";
import { requireAlertPartner } from "./require-alert-partner";

export interface AlertDeliveryRow {
  id: string;
  webhookUrl: string;
  alertKind: AlertKind;
  customerName: string;
  status: AlertDeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

export const ALERT_DELIVERY_LOG_LIMIT = 100;

export async function listAlertDeliveries(scope: PartnerScope, options: { webhookId?: string } = {}): Promise<AlertDeliveryRow[]> {
  const partnerId = requireAlertPartner(scope);
  const prisma = await getPrisma();
  const rows = await prisma.alertDelivery.findMany({
    where: { webhook: { partnerId }, ...(options.webhookId ? { webhookId: options.webhookId } : {}) },
    select: {
      id: true,
      status: true,
      attempts: true,
      lastStatusCode: true,
      lastError: true,
      nextAttemptAt: true,
      deliveredAt: true,
      createdAt: true,
      webhook: { select: { url: true } },
      alert: { select: { kind: true, customer: { select: { companyName: true } } } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: ALERT_DELIVERY_LOG_LIMIT,
  });
  return rows.map(({ webhook, alert, ...row }) => ({ ...row, webhookUrl: webhook.url, alertKind: alert.kind, customerName: alert.customer.companyName }));
}
