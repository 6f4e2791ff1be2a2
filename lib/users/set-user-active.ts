import "server-only";
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { revokeUserSessions } from "../auth/revoke-user-sessions";
import { assertNotSelf, findManagedUser } from "./find-managed-user";
import { assertAnotherActiveAdmin, lockPartnerUsers } from "./last-admin";

/**
 * Deactivates (can't sign in, loses access at the next request: the scope is read from the database
 * each time) or reactivates a user. Their rows and audit history stay. Never oneself; never the
 * partner's last active admin agent.
 */
export async function setUserActive(scope: PartnerScope, userId: string, active: boolean) {
  assertNotSelf(scope, userId, active ? "reactivate" : "deactivate");
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const found = await findManagedUser(tx, scope, userId);
    await lockPartnerUsers(tx, found.partnerId);
    const user = await findManagedUser(tx, scope, userId);
    if (user.active === active) return { id: user.id, active };
    if (!active && user.role === "ADMIN_AGENT") await assertAnotherActiveAdmin(tx, user.partnerId, user.id, "deactivate");
    await tx.user.update({ where: { id: user.id }, data: { active }, select: { id: true } });
    await revokeUserSessions(tx, user.id);
    await recordAuditEvent(tx, scope, {
      action: active ? "user.reactivate" : "user.deactivate",
      targetType: "User",
      targetId: user.id,
      partnerId: user.partnerId,
      before: { email: user.email, active: user.active },
      after: { active },
    });
    return { id: user.id, active };
  });
}
