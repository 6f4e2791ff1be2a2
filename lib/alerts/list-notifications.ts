import "server-only";
// The signed-in user's own alert notifications, newest first, each with its alert: the rule and
// its parameters as evaluated, the customer, the period or day and the amounts. Only the user's
// own rows: a notification is per user, and users hear only of their own partner's alerts.
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import type { AlertKind } from "../../generated/prisma/enums";

export interface NotificationRow {
  id: string;
  readAt: Date | null;
  createdAt: Date;
  alert: {
    kind: AlertKind;
    customerId: string;
    customerName: string;
    period: string;
    threshold: number | null;
    day: string | null;
    amount: string;
    reference: string;
    currency: string;
    rule: Record<string, string | number>;
  };
}

export const NOTIFICATIONS_PAGE_SIZE = 50;
export const MAX_NOTIFICATION_PAGE = 10_000;

export async function listNotifications(
  scope: PartnerScope,
  options: { page?: number; unreadOnly?: boolean } = {},
): Promise<{ rows: NotificationRow[]; total: number }> {
  const prisma = await getPrisma();
  const requested = Math.floor(options.page ?? 1);
  const page = Number.isFinite(requested) ? Math.min(MAX_NOTIFICATION_PAGE, Math.max(1, requested)) : 1;
  const where = { userId: scope.userId, ...(options.unreadOnly ? { readAt: null } : {}) };
  const [rows, total] = await Promise.all([
    prisma.alertNotification.findMany({
      where,
      select: {
        id: true,
        readAt: true,
        createdAt: true,
        alert: {
          select: {
            kind: true,
            period: true,
            threshold: true,
            day: true,
            amount: true,
            reference: true,
            currency: true,
            rule: true,
            customer: { select: { id: true, companyName: true } },
          },
        },
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * NOTIFICATIONS_PAGE_SIZE,
      take: NOTIFICATIONS_PAGE_SIZE,
    }),
    prisma.alertNotification.count({ where }),
  ]);
  return {
    total,
    rows: rows.map(({ alert, ...row }) => ({
      ...row,
      alert: {
        kind: alert.kind,
        customerId: alert.customer.id,
        customerName: alert.customer.companyName,
        period: alert.period,
        threshold: alert.threshold,
        day: alert.day?.toISOString().slice(0, 10) ?? null,
        amount: alert.amount.toFixed(2),
        reference: alert.reference.toFixed(2),
        currency: alert.currency,
        rule: isRule(alert.rule) ? alert.rule : {},
      },
    })),
  };
}

function isRule(value: unknown): value is Record<string, string | number> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
