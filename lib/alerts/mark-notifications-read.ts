import "server-only";
// Marks one of the signed-in user's notifications read, or all their unread ones. Another user's
// notification id is simply not found. Audited (what was marked, how many).
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { notFound } from "../errors";

export async function markNotificationsRead(scope: PartnerScope, target: { notificationId: string } | { all: true }): Promise<{ marked: number }> {
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    if ("notificationId" in target) {
      const notification = await tx.alertNotification.findFirst({
        where: { id: target.notificationId, userId: scope.userId },
        select: { id: true, readAt: true },
      });
      if (!notification) throw notFound("Notification");
      if (notification.readAt) return { marked: 0 };
    }
    const readAt = new Date();
    const { count } = await tx.alertNotification.updateMany({
      where: { userId: scope.userId, readAt: null, ...("notificationId" in target ? { id: target.notificationId } : {}) },
      data: { readAt },
    });
    await recordAuditEvent(tx, scope, {
      action: "notification.read",
      targetType: "AlertNotification",
      targetId: "notificationId" in target ? target.notificationId : scope.userId,
      partnerId: scope.partnerId,
      after: { all: !("notificationId" in target), marked: count },
    });
    return { marked: count };
  });
}
