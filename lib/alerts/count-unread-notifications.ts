import "server-only";
// The signed-in user's unread alert notifications, for the portal header.
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";

export async function countUnreadNotifications(scope: Pick<PartnerScope, "userId">): Promise<number> {
  const prisma = await getPrisma();
  return prisma.alertNotification.count({ where: { userId: scope.userId, readAt: null } });
}
